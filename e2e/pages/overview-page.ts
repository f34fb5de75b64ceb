import type { Locator, Page } from '@playwright/test';

/** The cluster overview: one row per graded namespace, worst first. */
export class OverviewPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(context = 'demo', query = '') {
    await this.page.goto(`/c/${context}${query}`);
  }

  get rows(): Locator {
    return this.page.locator('tbody tr[data-namespace]');
  }

  row(namespace: string): Locator {
    return this.page.locator(`tbody tr[data-namespace="${namespace}"]`);
  }

  async namespaces(): Promise<string[]> {
    await this.page.getByRole('table', { name: 'Namespaces, worst first' }).waitFor();
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-namespace') ?? ''));
  }

  async grade(namespace: string): Promise<string | null> {
    return this.row(namespace)
      .getByRole('img', { name: /^Grade / })
      .textContent();
  }

  async openNamespace(namespace: string) {
    await this.row(namespace).getByRole('link', { name: namespace, exact: true }).click();
  }
}
