import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { readState } from './test/control-plane/control-plane';
import { liveStateFile } from './test/support/test-cluster';

const PORT = Number(process.env.SHIPSHAPE_E2E_PORT ?? 3107);
const LIVE_PORT = PORT + 1;
const REVIEW_PORT = PORT + 2;

/**
 * Browser tests run in Debian's Chromium against the production build; Playwright never
 * downloads a browser. Two servers: one on the demo plus a hostile snapshot (no kubeconfig at
 * all), and one on the real test control plane's kubeconfig (`live`), when one is running.
 */

/** The control plane's state file: the one the test runner started, else `npm run cluster:up`'s. */
function controlPlaneKubeconfig(): string | undefined {
  const stateFile = liveStateFile();
  if (!existsSync(stateFile)) return undefined;
  const kubeconfig = readState(stateFile).kubeconfigs.all;
  process.env.SHIPSHAPE_CP_STATE = stateFile;
  return kubeconfig;
}

// An empty home, so a developer's own ~/.kube/config never leaks into the snapshot server.
const EMPTY_HOME = path.join(import.meta.dirname, 'test-results', '.empty-home');
mkdirSync(EMPTY_HOME, { recursive: true });

// The go-live review server signs off into a review folder of its own, emptied for every run.
const REVIEW_DIR = path.join(import.meta.dirname, 'test-results', '.reviews');
// Test workers load this file too: only the runner, which starts the servers, empties it.
if (!process.env.TEST_WORKER_INDEX) {
  rmSync(REVIEW_DIR, { recursive: true, force: true });
  mkdirSync(REVIEW_DIR, { recursive: true });
}

const liveKubeconfig = controlPlaneKubeconfig();
if (!liveKubeconfig) {
  // scripts/run-tests.mjs always starts a control plane and fails the run if no live test ran.
  console.warn('No test control plane is running: the live browser tests are not run (start one with `npm run cluster:up`).');
}

const servers: NonNullable<PlaywrightTestConfig['webServer']> = [
  {
    command: `next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/c/demo`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      HOME: EMPTY_HOME,
      KUBECONFIG: '',
      SHIPSHAPE_SNAPSHOT: path.join(import.meta.dirname, 'e2e', 'fixtures', 'hostile'),
      // Short, so the re-run test sees both a refusal and an accepted re-run without a long wait.
      SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: '4',
    },
  },
  {
    // The go-live review flow: the demo's manifests as a writable snapshot, reviews in a temp folder; the demo stays read-only.
    command: `next start -p ${REVIEW_PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${REVIEW_PORT}/c/demo`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      HOME: EMPTY_HOME,
      KUBECONFIG: '',
      SHIPSHAPE_SNAPSHOT: path.join(import.meta.dirname, 'lib', 'demo', 'manifests'),
      SHIPSHAPE_REVIEW_DIR: REVIEW_DIR,
    },
  },
];
if (liveKubeconfig) {
  servers.push({
    command: `next start -p ${LIVE_PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${LIVE_PORT}/c/demo`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      HOME: EMPTY_HOME,
      KUBECONFIG: liveKubeconfig,
      // The hang test waits for this budget; a re-run skips the short cache.
      SHIPSHAPE_REQUEST_TIMEOUT_MS: '4000',
      SHIPSHAPE_LIVE_CACHE_SECONDS: '5',
      // These tests walk the periodic read's outage pages (an error once the short cache expires); the
      // watch cache serves the last state marked stale instead, and is tested in watch-cache.live.test.ts.
      SHIPSHAPE_LIVE_WATCH: '0',
      // The fault tests re-run back to back; the interval itself is tested on the snapshot server.
      SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: '1',
    },
  });
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
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
  projects: [
    { name: 'snapshot', testIgnore: /(live-cluster(-review)?|go-live-review)\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${PORT}` } },
    { name: 'reviews', testMatch: /go-live-review\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${REVIEW_PORT}` } },
    ...(liveKubeconfig
      ? [
          {
            name: 'live',
            testMatch: /live-cluster(-review)?\.spec\.ts$/,
            // A bound, not a speed goal: a failed re-run waits out two request timeouts on a real, shared control plane.
            timeout: 90_000,
            use: { baseURL: `http://127.0.0.1:${LIVE_PORT}` },
          },
        ]
      : []),
  ],
  webServer: servers,
});
