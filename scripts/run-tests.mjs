#!/usr/bin/env node
/**
 * The whole suite, as the README's `npm test` runs it: format and lint, the real test control
 * plane (built from pinned Go modules, cached), unit and live tests, production build,
 * type-check, browser tests (demo, snapshot and live). Every step runs even when an earlier one failed (the build
 * gates only the browser tests), and the run ends with one plain line, `N passed, N failed`,
 * summed from the runners' JSON reports. The same line is written to reports/summary.txt.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import './ts-resolve-hook.mjs';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const CHROMIUM = process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium';

let passed = 0;
let failed = 0;
const lines = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${[path.basename(command), ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  return result.status === 0;
}

/** A step without a JSON report of its own counts as one test. */
function step(label, command, args) {
  const ok = run(label, command, args);
  if (ok) passed += 1;
  else failed += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

step('format and lint', bin('biome'), ['check', '--error-on-warnings', '.']);

// One control plane for the whole run: the live Vitest tests and the live browser tests attach to
// it through its state file, and it is stopped when this process ends (failures included).
const controlPlane = await import('../test/control-plane/control-plane.ts');
let plane;
const builtPlane = step('control plane build (cached after the first run)', 'bash', [path.join(root, 'test', 'control-plane', 'build.sh')]);
if (builtPlane) {
  console.log('\n=== control plane: start and seed with the demo cluster');
  const started = Date.now();
  try {
    plane = await controlPlane.startControlPlane({ log: (message) => console.log(`  ${message}`) });
    env.SHIPSHAPE_CP_STATE = plane.stateFile;
    passed += 1;
    lines.push(`control plane start: passed (${Math.round((Date.now() - started) / 1000)} s)`);
  } catch (error) {
    failed += 1;
    lines.push(`control plane start: FAILED (${error instanceof Error ? error.message.split('\n')[0] : error})`);
  }
}

const vitestReport = path.join(reports, 'vitest.json');
const vitestOk = run('unit and live tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A suite that fails to load has no test results: count it, or it would vanish from the total.
  const brokenFiles = (vitest.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  failed += brokenFiles;
  lines.push(`unit and live tests: ${vitest.numPassedTests} passed, ${vitest.numFailedTests + brokenFiles} failed`);
} else {
  failed += 1;
  lines.push(`unit and live tests: no report (runner ${vitestOk ? 'exited 0' : 'failed'})`);
}

const built = step('production build', bin('next'), ['build']);
// After the build, so the route types Next generates in .next/types match the current routes.
step('typecheck', bin('tsc'), ['--noEmit']);

if (!built) {
  failed += 1;
  lines.push('browser tests: not run, the production build failed');
} else if (!existsSync(CHROMIUM)) {
  // Provisioning the machine is .ci/run's job, not the runner's: say what is missing and count it.
  failed += 1;
  const missing = `browser tests: not run, no Chromium at ${CHROMIUM} (install Debian's chromium package, as .ci/run does, or set SHIPSHAPE_CHROMIUM)`;
  console.error(`\n${missing}`);
  lines.push(missing);
} else {
  const playwrightReport = path.join(reports, 'playwright.json');
  run('browser tests', bin('playwright'), ['test']);
  const playwright = readJson(playwrightReport);
  if (playwright?.stats) {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = playwright.stats;
    passed += expected + flaky;
    // Nothing is skipped on purpose here: a skipped browser test is a test that did not prove anything.
    failed += unexpected + skipped;
    const broken = (playwright.errors ?? []).length;
    failed += broken;
    lines.push(`browser tests: ${expected + flaky} passed, ${unexpected + skipped + broken} failed`);
    // The live project exists only when a control plane is running; its absence is a failure.
    const liveTests = JSON.stringify(playwright.suites ?? []).includes('live-cluster.spec.ts');
    if (!liveTests) {
      failed += 1;
      lines.push('live browser tests: not run (no control plane)');
    }
  } else {
    failed += 1;
    lines.push('browser tests: no report');
  }
}

if (plane) await plane.stop();

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(path.join(reports, 'summary.txt'), `${summary}\n`);
console.log(`\n${lines.join('\n')}\n`);
console.log(summary);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
