/**
 * The control plane for a person at a terminal:
 *
 *   npm run cluster:up       build if needed, start, seed the demo, print how to use it; returns with it running
 *   npm run cluster:status   is it running, and where are its kubeconfigs
 *   npm run cluster:down     stop it and remove its run directory
 *
 * The one cluster:up starts lives in .cache/control-plane/run/ (under $SHIPSHAPE_CP_CACHE if set).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import {
  buildControlPlane,
  type ControlPlaneState,
  clusterUpRunDir,
  clusterUpStateFile,
  isControlPlaneRunning,
  processPids,
  readState,
  startControlPlane,
  stopControlPlane,
} from './control-plane';
import { isAlive } from './processes';

const runDir = clusterUpRunDir();
const stateFile = clusterUpStateFile();
const relative = (file: string) => {
  const fromHere = path.relative(process.cwd(), file);
  return fromHere.startsWith('..') ? file : fromHere;
};

function printUsage(state: ControlPlaneState): void {
  const kubectl = relative(path.join(state.binDir, 'kubectl'));
  const kubeconfig = state.kubeconfigs.all;
  console.log(`
The control plane is running (API server ${state.urls.apiserver}).

  kubeconfig: ${kubeconfig}
  contexts:   ${Object.values(state.contexts).join(', ')}
              (limited.kubeconfig and team.kubeconfig next to it hold one restricted user each)

Next, start the dashboard against it:

  KUBECONFIG=${kubeconfig} npm run dev

Look around with the kubectl it was built with:

  ${kubectl} --kubeconfig ${kubeconfig} get pods -A

Stop it with: npm run cluster:down`);
}

async function up(): Promise<void> {
  if (isControlPlaneRunning(stateFile)) {
    console.log('already running');
    printUsage(readState(stateFile));
    return;
  }
  // Leftovers of a control plane that died, or of a start that failed.
  await stopControlPlane(stateFile);
  rmSync(runDir, { recursive: true, force: true });
  buildControlPlane();
  const started = Date.now();
  const stamp = () => `[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`;
  const plane = await startControlPlane({ runDir, detached: true, log: (message) => console.log(`${stamp()} ${message}`) });
  const report = plane.state.seed;
  if (report) {
    const pods = report.workloads.reduce((sum, workload) => sum + workload.created, 0);
    console.log(`${stamp()} ${report.workloads.length} workloads, ${pods} pods; live trouble on purpose:`);
    for (const pod of report.troubledPods) {
      const detail = [pod.phase, pod.ready ? 'Ready' : 'not Ready', `${pod.restarts} restarts`, pod.waitingReason]
        .filter(Boolean)
        .join(', ');
      console.log(`    ${pod.namespace}/${pod.name}: ${pod.trouble} (${detail})`);
    }
    if (!report.settled) {
      console.log('  not settled:');
      for (const problem of report.problems) console.log(`    ${problem}`);
    }
  }
  printUsage(plane.state);
}

async function down(): Promise<void> {
  let state: ControlPlaneState;
  try {
    state = readState(stateFile);
  } catch {
    console.log(`nothing to stop (no ${relative(stateFile)})`);
    return;
  }
  const pids = processPids(state);
  await stopControlPlane(stateFile);
  const left = pids.filter(isAlive);
  if (left.length > 0) {
    console.error(`still running after stop: ${left.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`stopped ${pids.length} processes and removed ${relative(runDir)}`);
}

function status(): void {
  if (!isControlPlaneRunning(stateFile)) {
    console.log('not running (npm run cluster:up starts it)');
    process.exitCode = 1;
    return;
  }
  const state = readState(stateFile);
  for (const [name, record] of Object.entries(state.processes)) {
    console.log(`${name.padEnd(24)} ${record.pid !== null && isAlive(record.pid) ? `running, pid ${record.pid}` : 'stopped'}`);
  }
  printUsage(state);
}

const command = process.argv[2];
try {
  if (command === 'up') await up();
  else if (command === 'down') await down();
  else if (command === 'status') status();
  else {
    console.error('usage: cli.ts up | down | status');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
// Everything started is detached; leave at once rather than wait for stray handles.
process.exit();
