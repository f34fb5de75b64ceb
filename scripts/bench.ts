/**
 * How fast Shipshape reads and grades a cluster, in figures (speed goals live here, not in
 * timed tests). Grades the demo cluster and synthetic clusters made of many copies of it, then
 * measures one run against a real API server seeded with the scale fixture (scripts/bench-scale.ts):
 * the floor, the cold read and grade, the engine alone, memory, page latency and freshness.
 *
 *   npm run bench                          size S (≈100 namespaces, 1,000 Pods): a few minutes
 *   npm run bench -- --size M              ≈500 namespaces, 5,000 Pods
 *   npm run bench -- --size L              1,000 namespaces, 10,000 Pods (seeding takes a while)
 *   npm run bench -- --grading-only        the engine alone, no cluster (for node --cpu-prof)
 *
 * Other flags: --copies 10,50,200 (the synthetic clusters), --runs N (cold runs, default 3),
 * --seed N, --skip-pages (no production server), --skip-scale, --fresh (seed a new plane even if
 * one of that size runs), --down (stop the scale plane afterwards; by default it keeps running,
 * in .cache/scale/<size>/, so the next run reuses it).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluateCluster } from '../lib/checks/evaluate';
import { buildInventory } from '../lib/inventory';
import type { KubeObject } from '../lib/k8s/objects';
import { loadSnapshot } from '../lib/snapshot/load-snapshot';
import { DEFAULT_SCALE_SEED, isScaleSize } from '../test/scale/fixture';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};
const copiesList = (value('--copies') ?? '10,50,200').split(',').map(Number).filter(Boolean);
const size = value('--size') ?? 'S';
if (!isScaleSize(size)) {
  console.error(`--size takes S, M or L, not ${size}`);
  process.exit(2);
}
const gradingOnly = flag('--grading-only');
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(fn: () => void): number {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** `copies` renamed copies of every namespaced object (cluster-scoped objects once). */
function replicate(objects: readonly KubeObject[], copies: number): KubeObject[] {
  const out: KubeObject[] = objects.filter((object) => object.kind === 'ClusterRole' || object.kind === 'ClusterRoleBinding');
  for (let copy = 0; copy < copies; copy += 1) {
    for (const object of objects) {
      if (object.kind === 'ClusterRole' || object.kind === 'ClusterRoleBinding') continue;
      const rename = (name: string) => `${name}-${copy}`;
      if (object.kind === 'Namespace') out.push({ ...object, metadata: { ...object.metadata, name: rename(object.metadata.name) } });
      else out.push({ ...object, metadata: { ...object.metadata, namespace: rename(object.metadata.namespace ?? 'default') } });
    }
  }
  return out;
}

const demoDir = path.join(import.meta.dirname, '..', 'lib', 'demo', 'manifests');
const parseStart = performance.now();
const demo = await loadSnapshot(demoDir);
const parseMs = performance.now() - parseStart;
console.log(`demo cluster: ${demo.objects.length} objects in ${demo.files.length} files, read and parsed in ${parseMs.toFixed(1)} ms`);

const rows: string[][] = [['namespaces', 'objects', 'workloads', 'inventory ms', 'grading ms', 'per namespace ms', 'objects/s']];
for (const copies of [1, ...copiesList]) {
  const objects = replicate(demo.objects, copies);
  let inventory = buildInventory(objects);
  const inventoryMs = time(() => {
    inventory = buildInventory(objects);
  });
  const namespaces = inventory.namespaces.size;
  const workloads = [...inventory.namespaces.values()].reduce((sum, namespace) => sum + namespace.workloads.length, 0);
  const gradingMs = time(() => evaluateCluster(inventory));
  rows.push([
    String(namespaces),
    String(objects.length),
    String(workloads),
    inventoryMs.toFixed(1),
    gradingMs.toFixed(1),
    (gradingMs / namespaces).toFixed(3),
    Math.round(objects.length / (gradingMs / 1000)).toLocaleString('en'),
  ]);
}
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
console.log(`(median of ${RUNS} runs each, Node ${process.version})`);

// The engine on the scale fixture's own objects (as generated: Deployments, not yet their Pods),
// so --grading-only profiles what a real cluster of that size grades.
{
  const { admitObject } = await import('../lib/inventory');
  const { generateScaleFixture } = await import('../test/scale/fixture');
  const objects = generateScaleFixture(size, DEFAULT_SCALE_SEED).objects.map((object) => admitObject(object as unknown as KubeObject));
  const inventory = buildInventory(objects);
  evaluateCluster(inventory);
  const cpu = process.cpuUsage();
  const gradingMs = time(() => evaluateCluster(inventory));
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / RUNS;
  console.log(
    `scale fixture ${size} as generated: ${objects.length} objects, ${inventory.namespaces.size} namespaces graded in ${gradingMs.toFixed(0)} ms: ` +
      `${Math.round(objects.length / (gradingMs / 1000)).toLocaleString('en')} objects/s (${Math.round(objects.length / (cpuMs / 1000)).toLocaleString('en')} per CPU-second)`,
  );
}
if (gradingOnly) process.exit(0);

// The request thread while a large snapshot is read, parsed and graded: how late a timer of
// another context's request fires, with the work in-thread and on the grading worker.
{
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { DEFAULT_SHIPSHAPE_CONFIG } = await import('../lib/checks/config/parse');
  const { runGradingJob } = await import('../lib/sources/grading-worker/grading-job');
  const { createGradingPool } = await import('../lib/sources/grading-worker/grading-pool');
  const copies = copiesList.at(-1) ?? 200;
  const dir = await mkdtemp(path.join(tmpdir(), 'shipshape-bench-'));
  const items = replicate(demo.objects, copies);
  await writeFile(path.join(dir, 'large.yaml'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  // One large file, over the default per-file limit on purpose: the figure is about grading, so
  // the limits are raised for it (and the run refuses to print a figure for a refused file).
  const limits = { maxFileBytes: 1024 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, maxObjects: 1_000_000, maxFiles: 10 };
  const job = { kind: 'snapshot' as const, target: dir, limits, config: DEFAULT_SHIPSHAPE_CONFIG };
  const graded = await runGradingJob(job);
  if (graded.manifestErrors.length > 0 || graded.inventory.namespaces.size === 0)
    throw new Error(`the large snapshot was not graded: ${graded.manifestErrors[0]?.message ?? 'no namespaces'}`);
  const pool = createGradingPool();
  await pool.run({ ...job, target: demoDir }); // the worker started and warm
  /** The longest gap between ticks of a 5 ms timer while `work` runs: what another request would wait. */
  const lag = async (work: () => Promise<unknown>) => {
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    // The timer has ticked once before the work starts, and once after it ends.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const start = performance.now();
    await work();
    const elapsed = performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(timer);
    const sorted = gaps.sort((a, b) => a - b);
    return { elapsed, max: sorted.at(-1) ?? 0, p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0 };
  };
  const inThread = await lag(() => runGradingJob(job));
  const onWorker = await lag(() => pool.run(job));
  await pool.stop();
  await rm(dir, { recursive: true, force: true });
  console.log(`\nevent-loop lag of the request thread while a ${items.length}-object snapshot is read and graded:`);
  console.log(
    `  in-thread:      ${inThread.elapsed.toFixed(0)} ms of work, longest stall ${inThread.max.toFixed(0)} ms, p99 ${inThread.p99.toFixed(0)} ms`,
  );
  console.log(
    `  grading worker: ${onWorker.elapsed.toFixed(0)} ms of work, longest stall ${onWorker.max.toFixed(0)} ms, p99 ${onWorker.p99.toFixed(0)} ms`,
  );
}

// A live read, when a test control plane is running (npm run cluster:up): the LIST requests,
// pagination and redaction against a real API server, seeded with the demo.
const { clusterUpStateFile, isControlPlaneRunning, readState } = await import('../test/control-plane/control-plane');
const stateFile = process.env.SHIPSHAPE_CP_STATE ?? clusterUpStateFile();
if (isControlPlaneRunning(stateFile)) {
  const { loadKubeconfig, configForContext } = await import('../lib/sources/live/kubeconfig');
  const { createKubeClient } = await import('../lib/sources/live/kube-client');
  const { readCluster } = await import('../lib/sources/live/read-cluster');
  const kubeconfig = loadKubeconfig({ KUBECONFIG: readState(stateFile).kubeconfigs.all });
  const client = createKubeClient(configForContext(kubeconfig.config, 'shipshape-admin'));
  console.log('\nlive read of the test control plane (context shipshape-admin):');
  const liveRows: string[][] = [['page size', 'concurrency', 'objects', 'requests', 'read ms', 'read + grade ms']];
  for (const [pageSize, concurrency] of [
    [500, 4],
    [500, 1],
    [20, 4],
  ] as const) {
    const reads: number[] = [];
    const totals: number[] = [];
    let last: Awaited<ReturnType<typeof readCluster>> | undefined;
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      last = await readCluster(client, { pageSize, concurrency });
      reads.push(performance.now() - start);
      evaluateCluster(buildInventory(last.objects, last.accessGaps));
      totals.push(performance.now() - start);
    }
    liveRows.push([
      String(pageSize),
      String(concurrency),
      String(last?.objects.length ?? 0),
      String(last?.requests ?? 0),
      median(reads).toFixed(0),
      median(totals).toFixed(0),
    ]);
  }
  const liveWidths = liveRows[0]?.map((_, column) => Math.max(...liveRows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of liveRows) console.log(row.map((cell, column) => cell.padStart(liveWidths[column] ?? 0)).join('  '));
} else {
  console.log('\n(no test control plane running: start one with `npm run cluster:up` to also time a live read)');
}

if (!flag('--skip-scale')) {
  const { benchScale } = await import('./bench-scale');
  await benchScale({
    size,
    seed: Number(value('--seed') ?? DEFAULT_SCALE_SEED),
    runs: Math.max(1, Number(value('--runs') ?? 3)),
    skipPages: flag('--skip-pages'),
    fresh: flag('--fresh'),
    down: flag('--down'),
  });
}
process.exit(0);
