import type { Locator, Page } from '@playwright/test';

/** A namespace's readiness checklist, grouped by principle. */
export class NamespacePage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(namespace: string, context = 'demo', query = '') {
    await this.page.goto(`/c/${context}/ns/${namespace}${query}`);
    // Interact only once the page has hydrated and its scripts are idle: a toggle made while
    // React is still attaching can be lost on a busy machine.
    await this.page.waitForLoadState('networkidle');
  }

  item(checkId: string): Locator {
    return this.page.locator(`details[data-check="${checkId}"]`);
  }

  get items(): Locator {
    return this.page.locator('details[data-check]');
  }

  /** Waits for the checklist to render (client navigations stream in after the URL changes). */
  async loaded() {
    await this.page.getByRole('heading', { level: 1, name: /Namespace/ }).waitFor();
  }

  async statuses(): Promise<Record<string, string>> {
    await this.loaded();
    const pairs = await this.items.evaluateAll((items) =>
      items.map((item) => [item.getAttribute('data-check') ?? '', item.getAttribute('data-status') ?? '']),
    );
    return Object.fromEntries(pairs);
  }

  principleHeading(title: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: title });
  }
}
