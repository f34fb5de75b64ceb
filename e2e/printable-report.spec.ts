import { statSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { checkById } from '../lib/checks/catalog';
import type { NamespaceReport } from '../lib/checks/evaluate';
import { VERDICT_LABELS } from '../lib/checks/scoring';
import { DEMO_CANARIES, DEMO_LITERAL_SECRETS, LITERAL_PREFIX } from '../lib/demo/canaries';
import { DEMO_NAMESPACES } from '../lib/demo/demo-cluster';
import { expectNoSeriousA11yViolations } from './axe';
import { printToPdf } from './pdf';
import { expectNoSecretValues } from './secret-scan';

// The exports a reviewer takes out of the dashboard: the links, the JSON file, and the printable
// report as Chromium prints it to PDF, read back with poppler-utils (pdftotext, pdftoppm).

const NOT_READY = 'legacy-crm';

/** The legacy-crm report as the API serves it: the source of the names the PDF must show. */
async function namespaceReport(page: Page, namespace: string): Promise<NamespaceReport> {
  const response = await page.request.get(`/api/c/demo/report?namespace=${namespace}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { namespaces: NamespaceReport[] };
  const report = body.namespaces[0];
  if (!report) throw new Error(`the API returned no report for ${namespace}`);
  return report;
}

function expectNoSecretsIn(text: string) {
  for (const value of [...DEMO_CANARIES, ...DEMO_LITERAL_SECRETS]) expect(text.includes(value), `the PDF contains ${value}`).toBe(false);
  expect(text).not.toContain('SHIPSHAPE-CANARY');
  expect(text).not.toContain(LITERAL_PREFIX);
}

/** The dashboard's chrome stays off paper: no navigation, no buttons, no export links. */
function expectNoChrome(text: string) {
  for (const chrome of ['Check catalog', 'Re-run checks', 'Skip to content', 'Export', 'Save as PDF']) expect(text).not.toContain(chrome);
}

test('the overview and a namespace page offer every export, and each link answers with its format', async ({ page }) => {
  for (const [path, namespace] of [
    ['/c/demo', undefined],
    [`/c/demo/ns/${NOT_READY}`, NOT_READY],
  ] as const) {
    await page.goto(path);
    const links = page.getByRole('navigation', { name: 'Export' }).getByRole('link');
    await expect(links).toHaveText(['Printable report', 'JSON', 'SARIF', 'JUnit', 'Markdown']);
    const printable = await links.nth(0).getAttribute('href');
    const json = await links.nth(1).getAttribute('href');
    expect(printable).toBe(namespace ? `/c/demo/ns/${namespace}/report` : '/c/demo/report');

    const html = await page.request.get(printable ?? '');
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);

    const file = await page.request.get(json ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toMatch(/^application\/json/);
    const expectedName = namespace ? `shipshape-demo-${namespace}.json` : 'shipshape-demo.json';
    expect(file.headers()['content-disposition']).toBe(`attachment; filename="${expectedName}"`);
    const body = (await file.json()) as { context: string; namespaces: { namespace: string }[] };
    expect(body.context).toBe('demo');
    expect(body.namespaces.map((report) => report.namespace).sort()).toEqual(namespace ? [namespace] : [...DEMO_NAMESPACES].sort());

    // In the browser, the JSON link saves a file rather than opening it.
    const download = page.waitForEvent('download');
    await links.nth(1).click();
    expect((await download).suggestedFilename()).toBe(expectedName);

    // The pipeline formats, rendered by lib/report from the same read.
    const stem = namespace ? `shipshape-demo-${namespace}` : 'shipshape-demo';
    const sarif = await page.request.get((await links.nth(2).getAttribute('href')) ?? '');
    expect(sarif.status()).toBe(200);
    expect(sarif.headers()['content-type']).toMatch(/^application\/sarif\+json/);
    expect(sarif.headers()['content-disposition']).toBe(`attachment; filename="${stem}.sarif"`);
    const log = (await sarif.json()) as { version: string; runs: { tool: { driver: { rules: unknown[] } }; results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.tool.driver.rules.length).toBeGreaterThan(60);
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);

    const junit = await page.request.get((await links.nth(3).getAttribute('href')) ?? '');
    expect(junit.status()).toBe(200);
    expect(junit.headers()['content-type']).toMatch(/^application\/xml/);
    const xml = await junit.text();
    expect(xml).toContain('<testsuites');
    if (namespace) expect(xml).toContain(`<testsuite name="${namespace}"`);

    const markdown = await page.request.get((await links.nth(4).getAttribute('href')) ?? '');
    expect(markdown.status()).toBe(200);
    expect(markdown.headers()['content-type']).toMatch(/^text\/markdown/);
    const text = await markdown.text();
    expect(text).toMatch(/^## /);
    // Markdown escapes punctuation in cluster names (legacy\-crm).
    expect(text.replaceAll('\\', '')).toContain(namespace ?? 'payments');
    await expectNoSecretValues(
      page.request,
      await Promise.all([2, 3, 4].map(async (index) => (await links.nth(index).getAttribute('href')) ?? '')),
      'a demo Secret value',
    );
  }
});

test('the JSON report without ?download=1 is shown, not saved', async ({ request }) => {
  const response = await request.get('/api/c/demo/report?namespace=payments');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toBeUndefined();
});

test('the printable report pages follow from the overview and hold no Secret value', async ({ page, request }) => {
  await page.goto('/c/demo');
  await page.getByRole('link', { name: 'Printable report of the cluster' }).click();
  await expect(page).toHaveURL(/\/c\/demo\/report$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster readiness report' })).toBeVisible();
  await expectNoSecretValues(
    request,
    ['/c/demo/report', ...DEMO_NAMESPACES.map((namespace) => `/c/demo/ns/${namespace}/report`)],
    'a demo secret',
  );
  expect((await request.get('/c/demo/ns/no-such-namespace/report')).status()).toBe(404);
});

test('the checklist shows under a failing object the kubectl line that fixes that object, with its real names', async ({ page }) => {
  const report = await namespaceReport(page, NOT_READY);
  const item = report.items.find((entry) =>
    entry.findings.some((finding) => finding.status === 'fail' && finding.fix?.type === 'patch' && finding.fix.inPlace),
  );
  const finding = item?.findings.find((entry) => entry.status === 'fail' && entry.fix?.type === 'patch');
  if (!item || finding?.fix?.type !== 'patch') throw new Error(`${NOT_READY} has no failing finding with a kubectl fix`);
  await page.goto(`/c/demo/ns/${NOT_READY}`);
  const entry = page.locator(`details[data-check="${item.checkId}"]`);
  const target = `${finding.fix.target.kind.toLowerCase()}/${finding.fix.target.name}`;
  // The object's own fix block (closed until asked), found by the object it patches.
  const fix = entry
    .locator('details')
    .filter({ has: page.locator('[data-fix-command]', { hasText: `patch '${target}'` }) })
    .first();
  await fix.locator('summary').click();
  const command = fix.locator('[data-fix-command]');
  await expect(command).toBeVisible();
  await expect(command).toHaveText(
    `kubectl -n '${NOT_READY}' patch '${target}' --type=strategic -p '${JSON.stringify(finding.fix.patch)}'`,
  );
  await expect(fix.getByRole('button', { name: 'Copy command' })).toBeVisible();
});

test('the cluster report passes the accessibility scan', async ({ page }) => {
  // Every finding of nine namespaces on one page: axe needs longer than the default on a shared machine.
  test.setTimeout(120_000);
  await page.goto('/c/demo/report');
  await expectNoSeriousA11yViolations(page);
});

test('a namespace report passes the accessibility scan', async ({ page }) => {
  await page.goto(`/c/demo/ns/${NOT_READY}/report`);
  await expectNoSeriousA11yViolations(page);
});

test('Chromium prints a namespace report to a PDF that states the verdict, the blocking findings and their objects', async ({
  page,
}, testInfo) => {
  const report = await namespaceReport(page, NOT_READY);
  expect(report.verdict).toBe('not-ready');
  const blocking = report.blockingFailures[0];
  if (!blocking) throw new Error(`${NOT_READY} has no blocking failure`);
  const title = checkById(blocking.checkId)?.title ?? '';
  const object = blocking.findings.find((finding) => finding.status === 'fail')?.object.name ?? '';
  expect(title).not.toBe('');
  expect(object).not.toBe('');

  await page.goto(`/c/demo/ns/${NOT_READY}/report`);
  const { text, compact, pages } = await printToPdf(page, testInfo.outputPath(`${NOT_READY}.pdf`), testInfo.outputDir);
  expect(text).toContain(`Namespace readiness report: ${NOT_READY}`);
  expect(text).toContain(`Verdict: ${VERDICT_LABELS['not-ready']}`);
  expect(text).toContain('Evaluated');
  expect(text).toContain(title);
  expect(compact).toContain(object);
  // The fix and where to read about it are printed, the docs link as its address.
  expect(compact).toContain(checkById(blocking.checkId)?.remediation.snippet.replace(/\s+/g, '') ?? 'no fix');
  // And the fix for each object, with its real names: the kubectl line to paste.
  const fixed = report.items
    .flatMap((item) => item.findings)
    .find((finding) => finding.status === 'fail' && finding.fix?.type === 'patch' && finding.fix.inPlace);
  if (fixed?.fix?.type !== 'patch') throw new Error(`${NOT_READY} has no failing finding with a kubectl fix`);
  expect(text).toContain('Fix for this object');
  expect(compact).toContain(`kubectl-n'${NOT_READY}'patch'${fixed.fix.target.kind.toLowerCase()}/${fixed.fix.target.name}'`);
  expect(compact).toContain(checkById(blocking.checkId)?.docs ?? 'no docs');
  expect(text).toContain('Score = Σ(weight × credit)');
  // The expired cluster-admin waiver is printed with its approver and expiry.
  expect(text).toMatch(/Waiver expired on 2021-\d\d-\d\d/);
  expectNoChrome(text);
  expectNoSecretsIn(text);
  expect(pages.length).toBeGreaterThan(1);
  for (const image of pages) expect(statSync(image).size).toBeGreaterThan(10_000);
  for (const [index, image] of pages.slice(0, 2).entries()) {
    await testInfo.attach(`${NOT_READY} page ${index + 1}`, { path: image, contentType: 'image/png' });
  }
});

test('Chromium prints the demo cluster report to a PDF with every namespace, its verdict and its findings', async ({ page }, testInfo) => {
  // About 80 pages to print and turn into images: longer than the default on a shared machine.
  test.setTimeout(120_000);
  const report = await namespaceReport(page, NOT_READY);
  const blocking = report.blockingFailures[0];
  const title = blocking ? (checkById(blocking.checkId)?.title ?? '') : '';
  expect(title).not.toBe('');

  await page.goto('/c/demo/report');
  const { text, compact, pages } = await printToPdf(page, testInfo.outputPath('demo.pdf'), testInfo.outputDir);
  expect(text).toContain('Cluster readiness report');
  expect(text).toMatch(new RegExp(`${DEMO_NAMESPACES.length} namespaces graded: \\d+ ${VERDICT_LABELS['not-ready']}`));
  for (const namespace of DEMO_NAMESPACES) expect(text).toContain(`Namespace ${namespace}`);
  expect(text).toContain(title);
  // node-exporter's accepted risk, with who accepted it.
  expect(text).toMatch(/In force until 2028-06-30 — No privileged containers or host namespaces/);
  expect(compact).toContain('DaemonSet/node-exporter');
  expect(compact).toContain('platform-security@kestrel.example');
  expectNoChrome(text);
  expectNoSecretsIn(text);
  // One namespace per page at least, after the summary.
  expect(pages.length).toBeGreaterThan(DEMO_NAMESPACES.length);
  for (const [index, image] of pages.slice(0, 2).entries()) {
    await testInfo.attach(`demo page ${index + 1}`, { path: image, contentType: 'image/png' });
  }
});
