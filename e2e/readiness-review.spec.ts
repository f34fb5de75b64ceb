import { expect, test } from '@playwright/test';
import { DEMO_NAMESPACES } from '../lib/demo/demo-cluster';
import { expectNoSeriousA11yViolations } from './axe';
import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';

// The walk a reviewer takes in a go-live meeting: overview → namespace → finding → check.

test('the overview lists every demo namespace worst first, with grades from A to F', async ({ page }, testInfo) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster overview' })).toBeVisible();
  const namespaces = await overview.namespaces();
  expect([...namespaces].sort()).toEqual([...DEMO_NAMESPACES].sort());
  expect(await overview.grade(namespaces[0] ?? '')).toBe('F');
  expect(await overview.grade('legacy-crm')).toBe('F');
  expect(await overview.grade('payments')).toBe('A');
  await expect(overview.row('legacy-crm').locator('[data-verdict]')).toHaveText('Not ready');
  await expect(overview.row('payments').locator('[data-verdict]')).toHaveText('Ready');
  // The score formula is printed beside the scores.
  await expect(page.getByText(/Score = Σ\(weight × credit\)/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('overview.png'), fullPage: true });
  await testInfo.attach('overview', { path: testInfo.outputPath('overview.png'), contentType: 'image/png' });
});

test('counts link to the findings behind them', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  const failing = overview.row('legacy-crm').getByRole('link', { name: /failing checks in legacy-crm/ });
  const count = Number(await failing.textContent());
  expect(count).toBeGreaterThan(0);
  await failing.click();
  await expect(page).toHaveURL(/\/c\/demo\/ns\/legacy-crm\?status=fail$/);
  const checklist = new NamespacePage(page);
  const statuses = Object.values(await checklist.statuses());
  expect(statuses).toHaveLength(count);
  expect(new Set(statuses)).toEqual(new Set(['fail']));
});

test('the principle matrix shows where each namespace stands and links into its checklist', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  const cell = page.getByRole('link', { name: 'legacy-crm, Health probes: Fail' });
  await expect(cell.locator('[data-status]')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByRole('link', { name: 'payments, Health probes: Pass' })).toBeVisible();
  await cell.click();
  await expect(page).toHaveURL(/\/c\/demo\/ns\/legacy-crm#principle-probes$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Health probes' })).toBeVisible();
});

test('filters live in the URL', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await page.getByLabel('Verdict').selectOption('ready');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/verdict=ready(&|$)/);
  const shown = await overview.namespaces();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toContain('payments');
  for (const namespace of shown) await expect(overview.row(namespace).locator('[data-verdict]')).toHaveText('Ready');
  // The same URL, opened fresh, shows the same filtered view.
  await overview.open('demo', '?verdict=not-ready');
  expect(await overview.namespaces()).not.toContain('payments');
});

test('the overview sorts on the server through the URL, and keeps the filters', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  const worstFirst = await overview.namespaces();
  await page.getByLabel('Sort').selectOption('name');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=name(&|$)/);
  await page.getByRole('table', { name: 'Namespaces, by name' }).waitFor();
  const byName = await overview.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-namespace') ?? ''));
  expect(byName).toEqual([...worstFirst].sort());
  // The principle matrix shows the same rows, in the same order.
  const matrix = await page
    .locator('tr[data-matrix-namespace]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-matrix-namespace')));
  expect(matrix).toEqual(byName);
  // A page past the end shows the last one; the demo fits on one page, so there is no pager.
  await overview.open('demo', '?verdict=not-ready&sort=score&page=9');
  await page.getByRole('table', { name: 'Namespaces, lowest score first' }).waitFor();
  expect(await overview.rows.count()).toBeGreaterThan(0);
  await expect(page.getByRole('navigation', { name: 'Namespace pages' })).toHaveCount(0);
});

test('a namespace checklist walks every principle, with objects, reasons and fixes', async ({ page }, testInfo) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.openNamespace('legacy-crm');
  await expect(page).toHaveURL(/\/c\/demo\/ns\/legacy-crm$/);
  const checklist = new NamespacePage(page);
  for (const title of [
    'Minimal base images',
    'Trusted registries',
    'Registry authentication',
    'Namespaces and resource allocation',
    "Don't trust the defaults",
    'Labels for selection',
    'Annotations for versions and ownership',
    'Security context',
    'Resource requests and limits',
    'Health probes',
    'Availability and disruption',
    'Network isolation',
    'Access control (RBAC)',
    'Secrets hygiene',
    'Live health',
  ]) {
    await expect(checklist.principleHeading(title)).toBeVisible();
  }
  const glance = page.getByRole('navigation', { name: 'Principles at a glance' });
  await expect(glance.getByRole('link')).toHaveCount(15);
  await expect(glance.getByRole('link', { name: /Health probes/ }).locator('[data-status]')).toHaveAttribute('data-status', 'fail');
  const probe = checklist.item('readiness-probe');
  await expect(probe).toHaveAttribute('data-status', 'fail');
  await expect(probe).toHaveAttribute('open', '');
  await expect(probe.getByText('Why it matters')).toBeVisible();
  await expect(probe.getByText('readinessProbe:').first()).toBeVisible();
  await expect(
    probe
      .locator('li')
      .filter({ hasText: /no readiness probe/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /Blocking go-live/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('namespace.png'), fullPage: true });
  await testInfo.attach('namespace', { path: testInfo.outputPath('namespace.png'), contentType: 'image/png' });

  await probe.getByRole('link', { name: 'About this check' }).click();
  await expect(page).toHaveURL(/\/c\/demo\/checks\/readiness-probe$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Containers have a readiness probe' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How to fix' })).toBeVisible();
  const where = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'legacy-crm' }) });
  await expect(where.locator('[data-status]').first()).toHaveAttribute('data-status', 'fail');
  await page.screenshot({ path: testInfo.outputPath('check.png'), fullPage: true });
  await testInfo.attach('check', { path: testInfo.outputPath('check.png'), contentType: 'image/png' });
});

test('an exemplary namespace is ready and its checklist passes its blocking checks', async ({ page }) => {
  const checklist = new NamespacePage(page);
  await checklist.open('payments');
  await expect(page.locator('[data-verdict]').first()).toHaveText('Ready');
  const statuses = await checklist.statuses();
  for (const id of ['image-tag-pinned', 'run-as-non-root', 'no-privileged', 'resource-requests', 'readiness-probe'])
    expect(statuses[id], id).toBe('pass');
});

test('the checklist works from the keyboard', async ({ page }) => {
  const checklist = new NamespacePage(page);
  await checklist.open('payments');
  const item = checklist.item('readiness-probe');
  await expect(item).not.toHaveAttribute('open', '');
  await item.locator(':scope > summary').focus();
  await page.keyboard.press('Enter');
  await expect(item).toHaveAttribute('open', '');
  await expect(item.getByText('Why it matters')).toBeVisible();
});

test('the catalog lists every check and each has a page', async ({ page }) => {
  await page.goto('/c/demo/checks');
  const links = page.locator('main ul a[href^="/c/demo/checks/"]');
  await expect(links.first()).toBeVisible();
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(20);
  await links.first().click();
  await expect(page.getByRole('heading', { name: 'Why it matters' })).toBeVisible();
});

for (const [name, path] of [
  ['overview', '/c/demo'],
  ['namespace checklist', '/c/demo/ns/legacy-crm'],
  ['check page', '/c/demo/checks/run-as-non-root'],
  ['catalog', '/c/demo/checks'],
] as const) {
  test(`the ${name} has no serious accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
  });
}

test('dark theme follows the system setting and stays accessible', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/c/demo/ns/storefront');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe(lightBackground);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});
