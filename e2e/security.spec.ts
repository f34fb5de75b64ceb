import { expect, test } from '@playwright/test';
import { DEMO_CANARIES, LITERAL_PREFIX } from '../lib/demo/canaries';
import { DEMO_NAMESPACES } from '../lib/demo/demo-cluster';
import { expectNoSecretValues } from './secret-scan';

const NAMESPACES = DEMO_NAMESPACES;

test('no Secret value from the demo cluster reaches any page or API response', async ({ page, request }) => {
  expect(DEMO_CANARIES.length).toBeGreaterThan(0);
  const catalog = await request.get('/c/demo/checks');
  const checkPaths = [...(await catalog.text()).matchAll(/href="(\/c\/demo\/checks\/[a-z0-9-]+)"/g)].map((match) => match[1] as string);
  expect(checkPaths.length).toBeGreaterThan(10);
  const paths = [
    '/c/demo',
    '/c/demo?rerun=1',
    '/c/demo/checks',
    '/api/c/demo/report',
    ...NAMESPACES.map((ns) => `/c/demo/ns/${ns}`),
    ...checkPaths,
  ];
  await expectNoSecretValues(request, paths, 'a canary');
  // And what the browser renders after hydration.
  for (const namespace of ['legacy-crm', 'batch-reports', 'observability']) {
    await page.goto(`/c/demo/ns/${namespace}`);
    const content = await page.content();
    expect(content).not.toContain('SHIPSHAPE-CANARY');
    expect(content).not.toContain(LITERAL_PREFIX);
  }
});

test('route parameters are validated', async ({ request }) => {
  for (const path of [
    '/c/no-such-context',
    '/c/demo/ns/Not_A_Namespace',
    '/c/demo/ns/%3Cscript%3E',
    '/c/demo/ns/unknown-ns',
    '/c/demo/checks/no-such-check',
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
  }
  expect((await request.get('/api/c/no-such-context/report')).status()).toBe(404);
});

test('cluster data is rendered as text, never as markup', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto('/c/snapshot/ns/hostile');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('hostile');
  // The hostile names are visible as literal text …
  await expect(page.getByText('<b>bold</b>-web').first()).toBeVisible();
  await expect(page.getByText(`<img src=x onerror="window.__pwned='container'">`).first()).toBeVisible();
  // … and none of them became an element or ran.
  expect(await page.locator('main b, main img, main svg[onload], main script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('a malformed file is reported by name and line, and the rest still loads', async ({ page }) => {
  await page.goto('/c/snapshot');
  const notices = page.getByRole('region', { name: 'Input notices' });
  await expect(notices).toContainText('broken.yaml');
  await expect(notices).toContainText(/line \d+/);
  await expect(notices).toContainText('Widget (1)');
  await expect(page.locator('tbody tr[data-namespace="hostile"]')).toBeVisible();
});

test('a namespace with nothing to grade shows N/A, never 100', async ({ page }) => {
  await page.goto('/c/snapshot');
  const row = page.locator('tbody tr[data-namespace="sandbox"]');
  await expect(row.getByRole('img', { name: 'Grade N/A' })).toBeVisible();
  await expect(row.locator('[data-verdict]')).toHaveText('Not graded');
  await expect(row).not.toContainText('100');
});
