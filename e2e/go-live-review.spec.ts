import { statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { NamespacePage } from './pages/namespace-page';
import { ReviewPage } from './pages/review-page';
import { printToPdf } from './pdf';

// The go-live review as a team holds it, on the review server of playwright.config.ts: the demo's
// manifests as a writable snapshot (context `snapshot`), sign-offs written to a temp review folder,
// and the demo itself read-only. Tests build on each other in order: the first sign-off of
// `identity` is what the history, the overview and the printed report show.

// The README's screenshots are refreshed only on request, so a test run never dirties the checkout.
const SCREENSHOTS =
  process.env.SHIPSHAPE_UPDATE_SCREENSHOTS === '1' ? path.join(import.meta.dirname, '..', 'docs', 'screenshots') : undefined;
const screenshotPath = (name: string) => (SCREENSHOTS ? path.join(SCREENSHOTS, name) : test.info().outputPath(name));
const SIGNED = 'identity';
const SIGNER = 'Dana Reviewer';
const REASON = 'Read-only root filesystem lands with the 2.4 image rebuild';

/** A day `days` from now, as the date input and the expiry take it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// A form of every open finding, an axe scan and a PDF per test: longer than the default on a shared machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('a reviewer accepts each open finding with a reason and an expiry, signs off, and the risks show as waived', async ({ page }) => {
  const checklist = new NamespacePage(page);
  await checklist.open(SIGNED, 'snapshot');
  const panel = page.locator('[data-sign-off-panel]');
  await expect(panel.locator('[data-sign-off-none]')).toHaveText(/Not signed off yet/);
  await panel.getByRole('link', { name: 'Review for go-live' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/snapshot/ns/${SIGNED}/review$`));
  await page.waitForLoadState('networkidle');

  const review = new ReviewPage(page);
  const keys = await review.findingKeys();
  expect(keys.length).toBeGreaterThan(0);
  const expires = dayFromNow(30);
  for (const key of keys) await review.accept(key, REASON, expires);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: screenshotPath('go-live-review-form.png'), fullPage: true });
  await review.signOff({ verdict: 'Ready with accepted risks', notes: 'Go-live approved in the Tuesday review', signer: SIGNER });

  // Back on the checklist, with the new sign-off and the accepted risks applied as waivers.
  // A sign-off writes, then grades the namespace again: longer than an assertion's default on a shared machine.
  await expect(page).toHaveURL(new RegExp(`/c/snapshot/ns/${SIGNED}#sign-off-heading$`), { timeout: 30_000 });
  await expect(panel.locator('[data-review-verdict]')).toHaveText('Ready with accepted risks');
  await expect(panel.locator('[data-signer]').first()).toHaveAttribute('data-signer', SIGNER);
  await expect(panel).toContainText('(not verified: typed in snapshot mode)');
  await expect(panel).toContainText('Go-live approved in the Tuesday review');
  await expect(panel.locator('[data-since-holds]')).toHaveAttribute('data-since-holds', 'true');
  await panel.screenshot({ path: screenshotPath('go-live-sign-off-panel.png') });
  const accepted = keys[0]?.split(' ')[0] ?? '';
  await expect(checklist.item(accepted)).toHaveAttribute('data-status', 'waived');
  await checklist.item(accepted).locator(':scope > summary').click();
  await expect(checklist.item(accepted)).toContainText(REASON);

  // The history lists it, newest first.
  await panel.getByRole('link', { name: /^History/ }).click();
  await expect(page.locator('[data-review-history]')).toHaveAttribute('data-review-history', '1');
  await expect(page.locator('[data-review]').first()).toHaveAttribute('data-review', 'review-0001', { timeout: 30_000 });
  await expect(page.locator('[data-review]').first()).toContainText(SIGNER);

  // The overview marks the namespace as signed off, and the sign-off as holding.
  await page.goto('/c/snapshot');
  await expect(page.locator(`tr[data-namespace="${SIGNED}"] [data-sign-off-holds]`)).toHaveText('Signed off');
  await expect(page.locator('tr[data-namespace="payments"] [data-sign-off-holds]')).toHaveCount(0);
});

test('every problem comes back on the page, naming its finding, with the reviewer’s input kept (no client JavaScript)', async ({
  browser,
}) => {
  // The app's scripts never load, so React never hydrates: the form is the plain HTML form a
  // browser posts itself (the page's own inline bootstrap still reveals the streamed HTML).
  const context = await browser.newContext();
  await context.route(/\/_next\/static\/.*\.js(\?.*)?$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto('/c/snapshot/ns/tracking/review');
  const review = new ReviewPage(page);
  const [first] = await review.findingKeys();
  expect(first).toBeDefined();
  await review
    .finding(first ?? '')
    .getByLabel('Accept the risk')
    .check();
  await review.signOff({ verdict: 'Not ready', notes: 'Notes that must survive the error', signer: SIGNER });
  await expect(review.outcome).toHaveAttribute('data-sign-off-outcome', 'invalid', { timeout: 30_000 });
  await expect(review.outcome).toContainText(`${first?.split(' ')[0]} on ${first?.split(' ')[1]}: an accepted risk needs a reason`);
  await expect(page.getByLabel('Notes')).toHaveValue('Notes that must survive the error');
  await expect(review.finding(first ?? '').getByLabel('Accept the risk')).toBeChecked();
  await expect(page.getByLabel('Your name (snapshot mode: not verified)')).toHaveValue(SIGNER);
  // Nothing was written.
  await page.goto('/c/snapshot/ns/tracking/reviews');
  await expect(page.locator('[data-review-history]')).toHaveAttribute('data-review-history', '0');
  await context.close();
});

test('two reviewers who start from the same state get one sign-off and one clear conflict, the loser keeping their decisions', async ({
  browser,
}) => {
  const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
  const pages = await Promise.all([first.newPage(), second.newPage()]);
  const reviews = pages.map((page) => new ReviewPage(page));
  for (const review of reviews) await review.open('storefront');
  await reviews[0]?.signOff({ verdict: 'Not ready', notes: 'First reviewer', signer: 'Ana' });
  await expect(pages[0]?.locator('[data-sign-off-panel] [data-review]') ?? pages[0]).toHaveAttribute('data-review', 'review-0001');

  const loser = reviews[1] as ReviewPage;
  const [key] = await loser.findingKeys();
  await loser.accept(key ?? '', 'Second reviewer’s reason', dayFromNow(10));
  await loser.signOff({ verdict: 'Not ready', notes: 'Second reviewer', signer: 'Ben' });
  await expect(loser.outcome).toHaveAttribute('data-sign-off-outcome', 'conflict', { timeout: 30_000 });
  await expect(loser.outcome).toContainText('Not signed: another review was signed first');
  await expect(loser.finding(key ?? '').getByLabel('Reason (when accepted)')).toHaveValue('Second reviewer’s reason');
  await expect(loser.page.getByLabel('Notes')).toHaveValue('Second reviewer');
  await loser.page.screenshot({ path: screenshotPath('go-live-conflict.png'), fullPage: false });

  // Reloading shows the winner's review as the one this sign-off would follow.
  await loser.page.getByRole('link', { name: 'Reload the review with the latest sign-off' }).click();
  await expect(loser.page.getByRole('region', { name: 'Last sign-off' })).toContainText('Ana');
  await loser.page.goto('/c/snapshot/ns/storefront/reviews');
  await expect(loser.page.locator('[data-review-history]')).toHaveAttribute('data-review-history', '1');
  await Promise.all([first.close(), second.close()]);
});

test('the demo is read-only: the review page says so and how to allow sign-offs, and offers no Sign off', async ({ page }) => {
  await page.goto('/c/demo/ns/payments/review');
  const notice = page.locator('[data-review-unavailable]');
  await expect(notice).toHaveAttribute('data-review-unavailable', 'read-only');
  await expect(notice).toContainText('Reviews are read-only here');
  await expect(notice).toContainText('SHIPSHAPE_READ_ONLY=0');
  await expect(page.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
  // The checklist still works, read-only.
  await page.goto('/c/demo/ns/payments');
  await expect(page.locator('[data-sign-off-panel]')).toContainText('Review for go-live (read-only)');
  await expect(page.locator('details[data-check]').first()).toBeVisible();
});

test('Chromium prints the signed-off namespace report to a PDF with the verdict, the signer and the accepted risks', async ({
  page,
}, testInfo) => {
  await page.goto(`/c/snapshot/ns/${SIGNED}/report`);
  const { text, pages } = await printToPdf(page, testInfo.outputPath(`${SIGNED}-sign-off.pdf`), testInfo.outputDir);
  expect(text).toContain('Go-live sign-off');
  expect(text).toContain('Ready with accepted risks');
  expect(text).toContain(`signed by ${SIGNER} (not verified: typed in snapshot mode)`);
  expect(text).toContain('Go-live approved in the Tuesday review');
  expect(text).toContain(REASON);
  expect(text).toContain('The sign-off still holds');
  expect(text).not.toContain('Review for go-live');
  expect(pages.length).toBeGreaterThan(0);
  for (const image of pages) expect(statSync(image).size).toBeGreaterThan(10_000);
  await testInfo.attach('sign-off page 1', { path: pages[0] ?? '', contentType: 'image/png' });

  // The Markdown export carries the same sign-off.
  const markdown = await (await page.request.get(`/api/c/snapshot/export/markdown?namespace=${SIGNED}`)).text();
  expect(markdown).toContain('### Go-live sign-off: identity');
  expect(markdown).toContain(`signed by ${SIGNER} (not verified)`);
});
