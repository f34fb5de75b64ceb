import { expect, type Page } from '@playwright/test';

export type RerunResult = 'done' | 'refused' | 'failed';

/** The Re-run button's status line; `data-rerun` says what the last click did. */
export function rerunStatus(page: Page) {
  return page.locator('[data-rerun]').first();
}

async function statusKey(page: Page): Promise<string> {
  const status = rerunStatus(page);
  if ((await status.count()) === 0) return 'none';
  return `${await status.getAttribute('data-rerun')}@${await status.getAttribute('data-next-allowed-at')}`;
}

/**
 * Clicks Re-run once and waits for its answer: the status line changes, or the page turns into
 * an error panel (a failed read). Returns what happened.
 */
export async function clickRerun(page: Page): Promise<RerunResult> {
  const before = await statusKey(page);
  await page.getByRole('button', { name: 'Re-run checks' }).click();
  // A failed re-run can take two request timeouts: the re-read, then the page's own read.
  await expect
    .poll(async () => (await page.locator('[data-error-kind]').count()) > 0 || (await statusKey(page)) !== before, { timeout: 45_000 })
    .toBe(true);
  if ((await page.locator('[data-error-kind]').count()) > 0) return 'failed';
  return (await rerunStatus(page).getAttribute('data-rerun')) as RerunResult;
}

/** Re-runs, waiting out the minimum interval if the first click lands inside it. */
export async function rerun(page: Page): Promise<Exclude<RerunResult, 'refused'>> {
  const first = await clickRerun(page);
  if (first !== 'refused') return first;
  const next = Date.parse((await rerunStatus(page).getAttribute('data-next-allowed-at')) ?? '');
  await page.waitForTimeout(Math.max(0, next - Date.now()) + 250);
  const second = await clickRerun(page);
  if (second === 'refused') throw new Error('a re-run was refused after its minimum interval had passed');
  return second;
}
