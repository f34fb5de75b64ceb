import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Test support lives apart from the product: `@test/support/…`, `@test/control-plane/…`.
      '@test': path.resolve(import.meta.dirname, 'test'),
      // The marker package throws outside React Server Components; tests run server code directly.
      'server-only': path.resolve(import.meta.dirname, 'scripts/server-only-stub.ts'),
    },
  },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.live.test.ts'],
        },
      },
      {
        // Tests that talk to a cluster: against the real control plane, never a fake. The global
        // setup attaches to the one `npm test` started, or starts (and stops) its own.
        extends: true,
        test: {
          name: 'live',
          include: ['lib/**/*.live.test.ts', 'cli/**/*.live.test.ts'],
          globalSetup: ['test/support/vitest-live-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One control plane, shared: fault tests stop and pause its second API server.
          fileParallelism: false,
          // Short enough that the hang test is quick, long enough for a loaded CI machine. Fresh
          // reads back to back: the minimum re-run interval has its own unit tests.
          env: { SHIPSHAPE_REQUEST_TIMEOUT_MS: '4000', SHIPSHAPE_LIVE_CACHE_SECONDS: '0', SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: '0' },
        },
      },
    ],
  },
});
