import http from 'node:http';
import { expect, type Page, test } from '@playwright/test';
import { clickRerun, rerunStatus } from './pages/rerun';

// Local by default and safe to open: Host allow-list, nonce CSP, re-run only by POST.

/** A raw GET with a Host header of our choosing (a DNS-rebinding page sends its own name). */
function getWithHost(baseURL: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

const evaluatedAt = (page: Page) => page.locator('time').first().getAttribute('datetime');

test('a request for another Host is refused: DNS rebinding cannot reach the cluster data', async ({ baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  const port = new URL(baseURL).port;
  for (const path of ['/api/c/demo/report', '/c/demo', '/']) {
    const refused = await getWithHost(baseURL, path, `attacker.example:${port}`);
    expect(refused.status, path).toBe(421);
    expect(refused.body).toContain('"attacker.example:');
    expect(refused.body).toContain('SHIPSHAPE_ALLOWED_HOSTS');
    expect(refused.body).not.toContain('namespaces');
  }
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`])
    expect((await getWithHost(baseURL, '/api/c/demo/report', host)).status, host).toBe(200);
});

test('malformed percent-encoding is a 400, not a 500', async ({ request }) => {
  for (const path of ['/c/%ZZ', '/c/%C0%AF', '/c/demo/ns/%ZZ', '/api/c/%ZZ/report']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text()).toContain('malformed percent-encoding');
  }
});

test('pages carry a nonce CSP that Next puts on its scripts, and no-store', async ({ request }) => {
  const response = await request.get('/c/demo');
  const headers = response.headers();
  const policy = headers['content-security-policy'] ?? '';
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(policy).toContain("'strict-dynamic'");
  for (const directive of ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"])
    expect(policy).toContain(directive);
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script, script).toContain(`nonce="${nonce}"`);
  // A new nonce for every response.
  const again = (await request.get('/c/demo')).headers()['content-security-policy'];
  expect(again).not.toBe(policy);
});

test('every page works under the CSP: no violation, styles applied, scripts hydrated', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Refused to|Content Security Policy|Content-Security-Policy/i.test(text)) violations.push(text);
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  for (const path of ['/c/demo', '/c/demo/ns/legacy-crm', '/c/demo/checks', '/c/demo/checks/readiness-probe']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Tailwind's sheet applies: the body has its slate background, not the browser's white.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), path).not.toBe('rgba(0, 0, 0, 0)');
  }
  // Client navigation works, which needs the nonced scripts to have run.
  await page.goto('/c/demo');
  await page.waitForLoadState('networkidle');
  await page.getByRole('link', { name: 'Check catalog' }).click();
  await expect(page).toHaveURL(/\/c\/demo\/checks$/);
  expect(violations).toEqual([]);
});

test('GET with ?rerun=1 does not re-read the cluster', async ({ page }) => {
  await page.goto('/c/demo');
  const before = await evaluatedAt(page);
  expect(before).toBeTruthy();
  await page.goto('/c/demo?rerun=1');
  expect(await evaluatedAt(page)).toBe(before);
  await page.goto('/c/demo/ns/legacy-crm?rerun=1');
  expect(await evaluatedAt(page)).toBe(before);
});

test('the Re-run button re-reads, and inside the minimum interval says when it can next', async ({ page }) => {
  await page.goto('/c/demo');
  await page.waitForLoadState('networkidle');
  let before = await evaluatedAt(page);
  let result = await clickRerun(page);
  if (result === 'refused') {
    // The server read the demo moments ago: the page keeps that read and says when to retry.
    expect(await evaluatedAt(page)).toBe(before);
    const next = Date.parse((await rerunStatus(page).getAttribute('data-next-allowed-at')) ?? '');
    await page.waitForTimeout(Math.max(0, next - Date.now()) + 250);
    result = await clickRerun(page);
  }
  expect(result).toBe('done');
  await expect.poll(() => evaluatedAt(page)).not.toBe(before);
  await expect(rerunStatus(page)).toContainText('Checks re-run at');

  // Straight after a read, a second click is refused with the current result and the time of the next.
  before = await evaluatedAt(page);
  expect(await clickRerun(page)).toBe('refused');
  await expect(rerunStatus(page)).toContainText(/Not re-run: .* next re-run is possible at \d\d:\d\d:\d\d UTC/);
  expect(await evaluatedAt(page)).toBe(before);
});

test('the report API: no-store, one namespace on request, a clear 404, and re-run only from this origin', async ({ request, baseURL }) => {
  const report = await request.get('/api/c/demo/report');
  expect(report.status()).toBe(200);
  expect(report.headers()['cache-control']).toBe('no-store');

  const one = await request.get('/api/c/demo/report?namespace=legacy-crm');
  expect(one.status()).toBe(200);
  expect(((await one.json()).namespaces as { namespace: string }[]).map((ns) => ns.namespace)).toEqual(['legacy-crm']);

  const unknown = await request.get('/api/c/demo/report?namespace=no-such-namespace');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.message).toContain('no graded namespace named “no-such-namespace”');

  const crossSite = await request.post('/api/c/demo/report', {
    headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
  });
  expect(crossSite.status()).toBe(403);
  const sameOrigin = await request.post('/api/c/demo/report', { headers: { origin: baseURL ?? '', 'sec-fetch-site': 'same-origin' } });
  expect(sameOrigin.status()).toBe(200);
  const body = await sameOrigin.json();
  expect(typeof body.rerun.accepted).toBe('boolean');
  expect(Date.parse(body.rerun.nextAllowedAt)).toBeGreaterThan(Date.parse(body.evaluatedAt));
});

test('the unused image optimizer is off', async ({ request }) => {
  const response = await request.get('/_next/image?url=%2Fscreenshots%2Foverview.png&w=640&q=75');
  expect(response.status()).not.toBe(200);
});
