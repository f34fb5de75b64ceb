import { expect, type Page, test } from '@playwright/test';
import { DEMO_EXPECTATIONS, DEMO_NAMESPACES } from '../lib/demo/demo-cluster';
import { testCluster } from '../test/support/test-cluster';
import { expectNoSeriousA11yViolations } from './axe';
import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { rerun, rerunStatus } from './pages/rerun';
import { expectNoSecretValues } from './secret-scan';

// The same review walk, against the real API server seeded with the demo's manifests.

test('with a kubeconfig, the dashboard opens its current context, live, and keeps the demo at hand', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/c\/shipshape-admin$/);
  const clusters = page.getByRole('navigation', { name: 'Cluster' });
  for (const context of ['shipshape-admin', 'shipshape-limited', 'shipshape-wrong-ca'])
    await expect(clusters.getByRole('link', { name: context })).toBeVisible();
  await expect(clusters.getByRole('link', { name: /Kestrel Freight/ })).toBeVisible();
});

test('live overview → namespace → finding → check, with the same grades as the manifests', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open('shipshape-admin');
  expect([...(await overview.namespaces())].sort()).toEqual([...DEMO_NAMESPACES].sort());
  for (const namespace of DEMO_NAMESPACES) expect(await overview.grade(namespace), namespace).toBe(DEMO_EXPECTATIONS[namespace].grade);
  await expect(page.getByText(/Evaluated/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await overview.openNamespace('legacy-crm');
  await expect(page).toHaveURL(/\/c\/shipshape-admin\/ns\/legacy-crm$/);
  const checklist = new NamespacePage(page);
  const probe = checklist.item('readiness-probe');
  await expect(probe).toHaveAttribute('data-status', 'fail');
  await expect(
    probe
      .locator('li')
      .filter({ hasText: /no readiness probe/ })
      .first(),
  ).toBeVisible();
  // Live health: what the pods are doing now, shown beside the grade and never in it.
  await expect(page.getByText(/Observed now — shown, not graded/)).toBeVisible();
  const crashLoop = checklist.item('pod-crash-looping');
  await expect(crashLoop).toHaveAttribute('data-status', 'fail');
  await expect(crashLoop).toContainText('CrashLoopBackOff');
  await probe.getByRole('link', { name: 'About this check' }).click();
  await expect(page).toHaveURL(/\/c\/shipshape-admin\/checks\/readiness-probe$/);
  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'legacy-crm' }) })
      .locator('[data-status]')
      .first(),
  ).toHaveAttribute('data-status', 'fail');
});

test('a re-run reads the cluster again and says when', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open('shipshape-admin');
  const stamp = page.locator('time').first();
  const before = await stamp.getAttribute('datetime');
  expect(await rerun(page)).toBe('done');
  await expect(rerunStatus(page)).toContainText('Checks re-run at');
  await expect.poll(async () => page.locator('time').first().getAttribute('datetime')).not.toBe(before);
});

test('a limited user sees its namespaces, marked partial, with what was denied', async ({ page }, testInfo) => {
  const overview = new OverviewPage(page);
  await overview.open('shipshape-limited');
  expect([...(await overview.namespaces())].sort()).toEqual(['payments', 'storefront']);
  const notice = page.getByTestId('access-notice');
  await expect(notice).toContainText('Partial results');
  await expect(notice.locator('[data-gap-kind="Secret"]')).toContainText('access denied in payments, storefront');
  await expect(page.getByTestId('hidden-namespaces')).toContainText('legacy-crm');
  await page.screenshot({ path: testInfo.outputPath('limited-overview.png'), fullPage: true });

  const checklist = new NamespacePage(page);
  await checklist.open('payments', 'shipshape-limited');
  const statuses = await checklist.statuses();
  expect(statuses['rbac-cluster-admin']).toBe('not-evaluated');
  expect(statuses['pull-secret-type']).toBe('not-evaluated');
  await expect(checklist.item('rbac-cluster-admin')).toContainText(/not allowed to list/);
  await expectNoSeriousA11yViolations(page);
});

for (const [context, kind, title] of [
  ['shipshape-wrong-ca', 'tls', 'TLS verification failed'],
  ['shipshape-bad-token', 'unauthorized', 'Credentials rejected'],
  ['shipshape-unreachable', 'unreachable', 'API server unreachable'],
] as const) {
  test(`${context}: a specific error, and the rest of the dashboard keeps working`, async ({ page }) => {
    await page.goto(`/c/${context}`);
    const alert = page.locator('[data-error-kind]');
    await expect(alert).toHaveAttribute('data-error-kind', kind);
    await expect(alert.getByRole('heading', { name: title })).toBeVisible();
    await expect(alert).toContainText(context);
    await page.goto('/c/shipshape-admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Cluster overview' })).toBeVisible();
    await page.goto('/c/demo');
    await expect(page.getByRole('heading', { level: 1, name: 'Cluster overview' })).toBeVisible();
  });
}

/** Visits `path` and says which source error its page shows, if any (null: the page read fine). */
async function errorKindOnVisit(page: Page, path: string): Promise<string | null> {
  await page.goto(path);
  const error = page.locator('[data-error-kind]');
  return (await error.count()) > 0 ? error.getAttribute('data-error-kind') : null;
}

test('an API server that goes down shows why; after it restarts, the next request recovers', async ({ page }) => {
  const cluster = testCluster();
  const overview = new OverviewPage(page);
  await overview.open('shipshape-fault');
  expect(await rerun(page)).toBe('done');
  expect((await overview.namespaces()).length).toBe(DEMO_NAMESPACES.length);
  await cluster.stopFaultServer();
  try {
    // The short cache may still answer for a moment; once it expires, the next visit reads and fails.
    await expect.poll(() => errorKindOnVisit(page, '/c/shipshape-fault'), { timeout: 40_000, intervals: [1_000] }).toBe('unreachable');
    await page.goto('/c/shipshape-admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Cluster overview' })).toBeVisible();
  } finally {
    await cluster.startFaultServer();
  }
  // Failures are never kept: the next plain request reads again.
  await overview.open('shipshape-fault');
  expect((await overview.namespaces()).length).toBe(DEMO_NAMESPACES.length);
});

test('a request that hangs is cut by the timeout, with a message that says so', async ({ page }) => {
  const cluster = testCluster();
  await page.goto('/c/shipshape-fault');
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster overview' })).toBeVisible();
  cluster.pauseFaultServer();
  try {
    await expect.poll(() => errorKindOnVisit(page, '/c/shipshape-fault'), { timeout: 60_000, intervals: [1_000] }).toBe('timeout');
    const error = page.locator('[data-error-kind]');
    await expect(error).toHaveAttribute('data-error-kind', 'timeout');
    await expect(error).toContainText(/did not answer within 4 s/);
  } finally {
    cluster.resumeFaultServer();
  }
  await page.goto('/c/shipshape-fault');
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster overview' })).toBeVisible();
});

test('no Secret value read from the live cluster reaches any page or API response', async ({ request }) => {
  // The live Secrets hold the demo's canaries, and client-side `kubectl apply` also copied them
  // into each Secret's last-applied-configuration annotation: both must stop at the server.
  const paths = [
    '/c/shipshape-admin',
    '/api/c/shipshape-admin/report',
    ...DEMO_NAMESPACES.map((namespace) => `/c/shipshape-admin/ns/${namespace}`),
    '/c/shipshape-admin/checks/secret-references-exist',
    '/c/shipshape-admin/checks/pull-secret-registry-host',
    '/c/shipshape-admin/checks/secret-literal-values',
  ];
  await expectNoSecretValues(request, paths, 'a secret value');
});
