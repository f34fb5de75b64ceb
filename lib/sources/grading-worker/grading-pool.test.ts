import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId as mainThreadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../../checks/config/parse';
import type { KubeObject } from '../../k8s/objects';
import { loadSnapshot } from '../../snapshot/load-snapshot';
import { createSnapshotSource } from '../snapshot-source';
import { type GradingJob, runGradingJob } from './grading-job';
import { createGradingPool, GradingWorkerError, gradingPool } from './grading-pool';

const DEMO = path.join(import.meta.dirname, '..', '..', 'demo', 'manifests');
const config = DEFAULT_SHIPSHAPE_CONFIG;
const demoJob: GradingJob = { kind: 'snapshot', target: DEMO, config };

/** A worker written inline: `data:` URLs need no file on disk. */
function inlineWorker(source: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

/** `copies` renamed copies of the demo's namespaced objects, in one file (so in-thread, its parse is one long block). */
async function writeLargeSnapshot(dir: string, copies: number): Promise<number> {
  const demo = await loadSnapshot(DEMO);
  const items: KubeObject[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    for (const object of demo.objects) {
      if (object.kind === 'ClusterRole' || object.kind === 'ClusterRoleBinding') continue;
      const rename = (name: string) => `${name}-${copy}`;
      if (object.kind === 'Namespace') items.push({ ...object, metadata: { ...object.metadata, name: rename(object.metadata.name) } });
      else items.push({ ...object, metadata: { ...object.metadata, namespace: rename(object.metadata.namespace ?? 'default') } });
    }
  }
  writeFileSync(path.join(dir, 'large.yaml'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  return items.length;
}

let largeDir: string;
let largeObjects: number;

beforeAll(async () => {
  largeDir = mkdtempSync(path.join(tmpdir(), 'shipshape-large-'));
  largeObjects = await writeLargeSnapshot(largeDir, 8);
});

afterAll(async () => {
  rmSync(largeDir, { recursive: true, force: true });
  await gradingPool().stop();
});

/** Timer ticks on this thread while `work` runs: how free the request thread stays. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 1);
  try {
    const result = await work();
    return { ticks, result };
  } finally {
    clearInterval(timer);
  }
}

// Each test starts a worker (about a second on a busy machine) and grades a few thousand objects.
describe('the grading pool', { timeout: 60_000 }, () => {
  it('grades on a worker thread, with the same result as grading in-thread', async () => {
    const pool = createGradingPool();
    try {
      const graded = await pool.run(demoJob);
      expect(graded.threadId).not.toBe(mainThreadId);
      expect(graded.threadId).toBeGreaterThan(0);
      expect(graded.output).toEqual(await runGradingJob(demoJob));
      expect(graded.output.inventory.namespaces).toBeInstanceOf(Map);

      const demo = await loadSnapshot(DEMO);
      const objectsJob: GradingJob = {
        kind: 'objects',
        origin: 'live',
        objects: demo.objects,
        accessGaps: [],
        hiddenNamespaces: [],
        manifestErrors: [],
        serverVersion: '1.36',
        config,
      };
      const live = await pool.run(objectsJob);
      expect(live.threadId).toBe(graded.threadId);
      expect(live.output).toEqual(await runGradingJob(objectsJob));
    } finally {
      await pool.stop();
    }
  });

  it('passes a failed read back with its code, never its message', async () => {
    const pool = createGradingPool();
    try {
      const failure = await pool.run({ kind: 'snapshot', target: '/nonexistent/secret-dir', config }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as NodeJS.ErrnoException).code).toBe('ENOENT');
      expect((failure as Error).message).not.toContain('secret-dir');
    } finally {
      await pool.stop();
    }
  });

  it('fails the job of a worker that crashes, then starts a new worker', async () => {
    const crashing = createGradingPool({
      entry: inlineWorker(`
        import { parentPort } from 'node:worker_threads';
        parentPort.on('message', () => process.exit(7));
        parentPort.postMessage({ type: 'ready', threadId: 0 });
      `),
    });
    const failure = await crashing.run(demoJob).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GradingWorkerError);
    expect((failure as GradingWorkerError).reason).toBe('crashed');
    expect((failure as Error).message).toBe('The grading worker stopped while grading (exit code 7).');
    await crashing.stop();

    // The real worker, stopped in the middle of a job: that job fails, the next one gets a new worker.
    const pool = createGradingPool();
    try {
      const first = await pool.run(demoJob);
      const interrupted = pool.run({ kind: 'snapshot', target: largeDir, config });
      expect(pool.pending).toBe(1);
      await pool.stop();
      await expect(interrupted).rejects.toBeInstanceOf(GradingWorkerError);
      const next = await pool.run(demoJob);
      expect(next.threadId).not.toBe(first.threadId);
      expect(next.output.report.namespaces.length).toBe(first.output.report.namespaces.length);
    } finally {
      await pool.stop();
    }
  });

  it('drops a queued job nobody waits for any more', async () => {
    const pool = createGradingPool();
    try {
      const running = pool.run({ kind: 'snapshot', target: largeDir, config });
      const reader = new AbortController();
      const abandoned = pool.run(demoJob, { signal: reader.signal });
      expect(pool.pending).toBe(2);
      reader.abort(new Error('the browser went away'));
      await expect(abandoned).rejects.toThrow('the browser went away');
      expect(pool.pending).toBe(1);
      expect((await running).output.report.namespaces.length).toBeGreaterThan(0);
      expect(pool.pending).toBe(0);
    } finally {
      await pool.stop();
    }
  });

  it('starts a new worker for every job when asked to (next dev: edited checks apply at once)', async () => {
    const pool = createGradingPool({ recycle: true });
    try {
      const first = await pool.run(demoJob);
      const second = await pool.run(demoJob);
      expect(second.threadId).not.toBe(first.threadId);
      expect(second.output.report).toEqual(first.output.report);
    } finally {
      await pool.stop();
    }
  });

  it('grades in-thread, and says so once, when no worker can start', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const pool = createGradingPool({ entry: inlineWorker('process.exit(3);') });
    try {
      const first = await pool.run(demoJob);
      const second = await pool.run(demoJob);
      expect(first.threadId).toBe(0);
      expect(second.output.report).toEqual(first.output.report);
      expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([
        'shipshape: the grading worker could not start (exit code 3); grading runs on the request thread',
      ]);
    } finally {
      errors.mockRestore();
      await pool.stop();
    }
  });
});

describe('sources grade off the request thread', { timeout: 60_000 }, () => {
  const info = { name: 'snapshot', kind: 'snapshot' as const, label: 'Snapshot large' };

  it('keeps the request thread ticking while a large snapshot is read and graded', async () => {
    const offThread = await ticksDuring(() => createSnapshotSource(info, largeDir).load());
    if (!offThread.result.ok) throw new Error(offThread.result.error.message);
    expect(offThread.result.cluster.report.namespaces.length).toBeGreaterThan(50);
    // The same work in-thread: the timer hardly gets a turn. The comparison is what makes the
    // first count meaningful; neither is a speed target.
    const inThread = await ticksDuring(() => runGradingJob({ kind: 'snapshot', target: largeDir, config }));
    expect(inThread.result.inventory.namespaces.size).toBe(offThread.result.cluster.inventory.namespaces.size);
    expect(offThread.ticks).toBeGreaterThan(20);
    expect(offThread.ticks).toBeGreaterThan(inThread.ticks * 3);
    expect(largeObjects).toBeGreaterThan(1000);
  });

  it('gives the same cluster as grading in-thread, for the demo', async () => {
    const result = await createSnapshotSource({ name: 'demo', kind: 'demo', label: 'demo' }, DEMO).load();
    if (!result.ok) throw new Error(result.error.message);
    const inThread = await runGradingJob(demoJob);
    expect(result.cluster.inventory).toEqual(inThread.inventory);
    expect(result.cluster.report).toEqual(inThread.report);
    expect(result.cluster.manifestErrors).toEqual(inThread.manifestErrors);
    expect(result.cluster.ignoredKinds).toEqual(inThread.ignoredKinds);
    expect(result.cluster.config?.state).toBe('defaults');
    // Where each object is written crosses the thread as plain data, so the dashboard's SARIF can point at the line.
    expect(result.cluster.locations).toEqual(inThread.locations);
    const locations = Object.entries(result.cluster.locations ?? {});
    expect(locations.length).toBeGreaterThan(20);
    for (const [key, at] of locations.slice(0, 10)) {
      const [kind, , name] = JSON.parse(key) as [string, string, string];
      const lines = readFileSync(path.join(DEMO, at.file), 'utf8')
        .split('\n')
        .slice(at.line - 1);
      const end = lines.findIndex((line, index) => index > 0 && line.startsWith('---'));
      const document = lines.slice(0, end === -1 ? undefined : end).join('\n');
      expect(document, key).toMatch(new RegExp(`^kind: ${kind}$`, 'm'));
      expect(document, key).toContain(name);
    }
  });

  it('turns a crash of the worker into an internal error for that read, and the next read works', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const source = createSnapshotSource(info, largeDir);
      const pending = source.load();
      await vi.waitFor(() => expect(gradingPool().pending).toBe(1), { interval: 5, timeout: 5000 });
      await gradingPool().stop();
      const crashed = await pending;
      expect(crashed.ok).toBe(false);
      if (crashed.ok) return;
      expect(crashed.error.kind).toBe('internal');
      expect(crashed.error.message).toBe('Grading Snapshot large stopped: The grading worker stopped while grading (exit code 1).');
      expect(errors).toHaveBeenCalledWith(
        'shipshape: grading context snapshot failed: The grading worker stopped while grading (exit code 1).',
      );
      const next = await source.load({ fresh: true });
      expect(next.ok).toBe(true);
    } finally {
      errors.mockRestore();
    }
  });
});
