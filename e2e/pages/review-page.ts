import type { Locator, Page } from '@playwright/test';

/** The go-live review form of one namespace: a decision per open finding, the verdict, the signer. */
export class ReviewPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(namespace: string, context = 'snapshot') {
    await this.page.goto(`/c/${context}/ns/${namespace}/review`);
    await this.page.waitForLoadState('networkidle');
  }

  get findings(): Locator {
    return this.page.locator('[data-sign-off-form] li[data-finding]');
  }

  /** Waits for the form (a client navigation streams it in after the URL changes), then lists its findings. */
  async findingKeys(): Promise<string[]> {
    await this.page.locator('[data-sign-off-form]').waitFor();
    return this.findings.evaluateAll((items) => items.map((item) => item.getAttribute('data-finding') ?? ''));
  }

  finding(key: string): Locator {
    return this.page.locator(`li[data-finding="${key}"]`);
  }

  /** Accepts one finding's risk with a reason and an expiry date (YYYY-MM-DD). */
  async accept(key: string, reason: string, expires: string, acceptedBy = '') {
    const row = this.finding(key);
    await row.getByLabel('Accept the risk').check();
    await row.getByLabel('Reason (when accepted)').fill(reason);
    await row.getByLabel('Accepted until').fill(expires);
    if (acceptedBy) await row.getByLabel('Accepted by').fill(acceptedBy);
  }

  async signOff({ verdict, notes, signer }: { verdict: string; notes: string; signer?: string }) {
    await this.page.getByRole('radio', { name: verdict, exact: true }).check();
    await this.page.getByLabel('Notes').fill(notes);
    if (signer !== undefined) await this.page.getByLabel('Your name (snapshot mode: not verified)').fill(signer);
    await this.page.getByRole('button', { name: 'Sign off' }).click();
  }

  get outcome(): Locator {
    return this.page.locator('[data-sign-off-outcome]');
  }
}
