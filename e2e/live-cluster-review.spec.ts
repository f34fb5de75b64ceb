import { expect, test } from '@playwright/test';
import { CONTEXTS, TEAM_NAMESPACE, TEAM_USER } from '../test/control-plane/contexts';
import { installReviewCrd, uninstallReviewCrd } from '../test/support/review-crd';
import { testCluster } from '../test/support/test-cluster';
import { ReviewPage } from './pages/review-page';

// A go-live sign-off in a live cluster, through the real test API server: the team user signs in
// its own namespace as the cluster says it is (SelfSubjectReview), and a user who may only read
// gets the read-only explanation. The CRD is installed for these tests only, as an admin would.

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await installReviewCrd(testCluster(), { namespace: TEAM_NAMESPACE, context: CONTEXTS.team, user: TEAM_USER });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await uninstallReviewCrd(testCluster());
});

test('the team user signs off its namespace as the identity the cluster verified', async ({ page }) => {
  const review = new ReviewPage(page);
  await review.open(TEAM_NAMESPACE, CONTEXTS.team);
  await expect(page.locator('[data-sign-off-form] [data-signer]')).toHaveAttribute('data-signer', TEAM_USER);
  await expect(page.locator('[data-sign-off-form]')).toContainText('(verified by the cluster)');
  // No name field: in a cluster the signer is never typed.
  await expect(page.getByLabel('Your name (snapshot mode: not verified)')).toHaveCount(0);
  await review.signOff({ verdict: 'Not ready', notes: 'Probes first, then go-live' });
  const panel = page.locator('[data-sign-off-panel]');
  await expect(panel.locator('[data-review-verdict]')).toHaveText('Not ready', { timeout: 20_000 });
  await expect(panel.locator('[data-signer]').first()).toHaveAttribute('data-signer', TEAM_USER);
  await expect(panel.locator('[data-signer]').first()).toHaveAttribute('data-verified', 'true');
  await expect(panel).toContainText('Probes first, then go-live');
});

test('a user who may only read reviews gets the reason and the fix, and the checklist still works', async ({ page }) => {
  await page.goto(`/c/${CONTEXTS.limited}/ns/payments/review`);
  const notice = page.locator('[data-review-unavailable]');
  await expect(notice).toHaveAttribute('data-review-unavailable', 'forbidden');
  await expect(notice).toContainText('You may not sign off in this namespace');
  await expect(page.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
  await page.goto(`/c/${CONTEXTS.limited}/ns/payments`);
  await expect(page.locator('details[data-check]').first()).toBeVisible();
});
