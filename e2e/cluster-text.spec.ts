import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { NamespacePage } from './pages/namespace-page';

/**
 * Cluster strings on display (e2e/fixtures/hostile/long-and-invisible.yaml): a Service selecting a
 * 5,000-character label value, a Deployment named with U+200B and U+202E, and a 20,000-character
 * image that appears in many findings.
 */

const LONG_VALUE_TAIL = '-end-of-long-value';
const HUGE_IMAGE_TAIL = '-end-of-huge-image';

test('a long value is cut, and shown whole on demand', async ({ page }) => {
  // A large page: hydration takes a while on a busy machine.
  test.slow();
  const checklist = new NamespacePage(page);
  await checklist.open('hostile', 'snapshot');
  const finding = checklist.item('service-selects-pods').locator('li', { hasText: 'long-selector' });
  const message = finding.locator('[data-cluster-text-long]');
  await expect(message).toContainText('no workload has labels app=long-label-value-');
  await expect(message).toContainText('…');
  await expect(message).not.toContainText(LONG_VALUE_TAIL);

  const toggle = message.getByRole('button', { name: /^Show all [\d,]+ characters$/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // The message quotes the whole value: 5,000 characters and the sentence around it.
  const total = Number((await toggle.textContent())?.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(5000);
  // From the keyboard; pressed again only if the page had not hydrated yet when it was pressed.
  const button = message.getByRole('button');
  await expect(async () => {
    if ((await button.getAttribute('aria-expanded')) === 'false') await button.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const less = message.getByRole('button', { name: 'Show less' });
  await expect(less).toBeFocused();
  await expect(message).toContainText(LONG_VALUE_TAIL);
  expect((await message.locator('bdi').textContent())?.length).toBe(total);
  await expectNoSeriousA11yViolations(page);

  await less.click();
  await expect(message).not.toContainText(LONG_VALUE_TAIL);
});

test('invisible characters are shown as markers, and names are isolated', async ({ page }) => {
  // A large page, and an accessibility scan of it: slow on a busy machine.
  test.slow();
  const checklist = new NamespacePage(page);
  await checklist.open('hostile', 'snapshot');
  const name = checklist.item('readiness-probe').locator('bdi', { hasText: 'gnp.exe' }).first();
  await expect(name).toHaveText('pay⟨U+200B⟩ments-⟨U+202E⟩gnp.exe');
  await expect(name.locator('[data-invisible="202e"]')).toHaveText('⟨U+202E⟩');
  // The characters themselves are gone from the page: nothing can reorder what a reviewer reads.
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/);
  expect(text).toContain('⟨U+202E⟩');
  expect(await name.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
  await expectNoSeriousA11yViolations(page);
});

test('a page does not repeat a long value at full length', async ({ request }) => {
  const occurrences = (text: string, part: string) => text.split(part).length - 1;
  for (const path of ['/c/snapshot/ns/hostile', '/c/snapshot/checks/image-trusted-registry', '/c/snapshot/checks/image-digest-pinned']) {
    const html = await (await request.get(path)).text();
    // Uncut, the 20,000-character image would be in the HTML and in the page's data, for every
    // finding that quotes it. Cut, its end is never sent, and all of its pieces together are
    // shorter than two copies of it.
    expect(html, path).not.toContain(HUGE_IMAGE_TAIL);
    expect(occurrences(html, 'huge-image-') * 'huge-image-'.length, path).toBeLessThan(2 * 20_000);
  }
  const html = await (await request.get('/c/snapshot/ns/hostile')).text();
  // The 5,000-character value is sent once, as the expander's data, and not as HTML text.
  expect(occurrences(html, LONG_VALUE_TAIL)).toBe(1);
});
