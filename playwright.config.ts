import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.SHIPSHAPE_E2E_PORT ?? 3107);

/**
 * Browser tests run in Debian's Chromium against the production build; Playwright never
 * downloads a browser. The server also loads a hostile snapshot as a second context.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/c/demo`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      SHIPSHAPE_SNAPSHOT: path.join(import.meta.dirname, 'e2e', 'fixtures', 'hostile'),
    },
  },
});
