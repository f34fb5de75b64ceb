import 'server-only';
/**
 * Grading off the request thread: jobs go to a worker thread, one at a time per worker, so a
 * large snapshot or cluster being parsed and graded never stalls the pages of another context.
 * A worker that crashes fails the job it was running with a `GradingWorkerError` (the read
 * becomes an `internal` error) and is replaced on the next job. A job whose reader gave up is
 * dropped from the queue, or told to stop at its next step. When no worker can start at all (a
 * deployment without the worker's files), jobs run in-thread, and the server log says so once.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { type GradingJob, type OutputOf, runGradingJob } from './grading-job';
import type { FromWorker, ToWorker } from './worker';

/** The worker's entry point, found from the working directory as the demo manifests are. */
export const GRADING_WORKER_ENTRY = path.join(process.cwd(), 'lib', 'sources', 'grading-worker', 'worker-entry.mjs');

/** Why a job ended without a result. */
export class GradingWorkerError extends Error {
  readonly reason: 'crashed' | 'stopped';
  constructor(reason: 'crashed' | 'stopped', detail: string) {
    super(`The grading worker ${detail}.`);
    this.name = 'GradingWorkerError';
    this.reason = reason;
  }
}

export interface GradedOutput<Job extends GradingJob = GradingJob> {
  output: OutputOf<Job>;
  /** The thread that graded it (0 is the main thread). */
  threadId: number;
}

export interface GradingPool {
  run<Job extends GradingJob>(job: Job, options?: { signal?: AbortSignal }): Promise<GradedOutput<Job>>;
  /** Stop every worker; jobs running or queued fail with a `GradingWorkerError`. */
  stop(): Promise<void>;
  /** Jobs running and waiting, for tests and the benchmark. */
  readonly pending: number;
}

interface QueuedJob {
  id: number;
  job: GradingJob;
  resolve(value: GradedOutput): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Stopped on purpose (`stop()`), so its exit says nothing about whether workers can start. */
  stopped?: boolean;
  running?: QueuedJob;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The grading job was aborted.', 'AbortError');
}

/** An error for the main thread with the worker error's class and code (never its message). */
function failureFrom(error: { name: string; code?: string }): Error {
  const failure = new Error(`Grading failed in the worker (${error.code ?? error.name}).`);
  failure.name = error.name;
  if (error.code) (failure as NodeJS.ErrnoException).code = error.code;
  return failure;
}

export interface GradingPoolOptions {
  entry?: string | URL;
  size?: number;
  /** A new worker for every job, so edited code is graded with (`next dev`: the worker does not hot-reload). */
  recycle?: boolean;
}

export function createGradingPool({ entry = GRADING_WORKER_ENTRY, size = 1, recycle = false }: GradingPoolOptions = {}): GradingPool {
  const queue: QueuedJob[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  /** Set when a worker could not even start: from then on, jobs run in-thread. */
  let inThread = false;

  function settle(queued: QueuedJob) {
    if (queued.onAbort) queued.signal?.removeEventListener('abort', queued.onAbort);
  }

  function startWorker(): Slot {
    // Taken from Node at run time: a bundler that sees `new Worker(<not a literal>)` bundles the
    // whole project as the worker's code. A fresh option list: the server's own flags (Next's,
    // Vitest's) are not the worker's.
    const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
    const worker = new WorkerThread(entry, { execArgv: [], stdout: false, stderr: false });
    const slot: Slot = { worker, ready: false };
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.ready = true;
        pump();
        return;
      }
      const running = slot.running;
      if (!running || running.id !== message.id) return;
      slot.running = undefined;
      worker.unref();
      if (recycle) {
        slot.stopped = true;
        slots.splice(slots.indexOf(slot), 1);
        void worker.terminate();
      }
      settle(running);
      if (message.type === 'result') running.resolve({ output: message.output, threadId: message.threadId });
      else running.reject(failureFrom(message.error));
      pump();
    });
    worker.on('error', (error) => {
      // Only the class: the message of an exception may quote what it was parsing.
      console.error(
        `shipshape: the grading worker failed (${error.name}${(error as NodeJS.ErrnoException).code ? ` ${(error as NodeJS.ErrnoException).code}` : ''})`,
      );
    });
    worker.on('exit', (code) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      const running = slot.running;
      slot.running = undefined;
      if (!slot.ready && !slot.stopped) {
        // It never got as far as loading the grading code: this deployment cannot run workers.
        inThread = true;
        console.error(`shipshape: the grading worker could not start (exit code ${code}); grading runs on the request thread`);
      }
      if (running) {
        settle(running);
        running.reject(new GradingWorkerError('crashed', `stopped while grading (exit code ${code})`));
      }
      pump();
    });
    slots.push(slot);
    return slot;
  }

  function runInThread(queued: QueuedJob) {
    settle(queued);
    runGradingJob(queued.job, () => queued.signal?.aborted ?? false).then(
      (output) => queued.resolve({ output, threadId: 0 }),
      (error: unknown) => queued.reject(error),
    );
  }

  function pump() {
    while (queue.length > 0) {
      if (inThread) {
        runInThread(queue.shift() as QueuedJob);
        continue;
      }
      const idle = slots.find((slot) => slot.ready && !slot.running);
      if (!idle) {
        if (slots.length < size) startWorker();
        return;
      }
      const queued = queue.shift() as QueuedJob;
      idle.running = queued;
      // A worker with a job keeps the process alive until the job is done.
      idle.worker.ref();
      idle.worker.postMessage({ type: 'job', id: queued.id, job: queued.job } satisfies ToWorker);
    }
  }

  return {
    get pending() {
      return queue.length + slots.filter((slot) => slot.running).length;
    },
    run(job, { signal } = {}) {
      return new Promise<GradedOutput>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortError(signal));
          return;
        }
        const queued: QueuedJob = { id: nextId++, job, resolve, reject, signal };
        if (signal) {
          queued.onAbort = () => {
            const index = queue.indexOf(queued);
            if (index >= 0) queue.splice(index, 1);
            else {
              const slot = slots.find((candidate) => candidate.running === queued);
              slot?.worker.postMessage({ type: 'abort', id: queued.id } satisfies ToWorker);
            }
            reject(abortError(signal));
          };
          signal.addEventListener('abort', queued.onAbort, { once: true });
        }
        queue.push(queued);
        pump();
      });
    },
    async stop() {
      const waiting = queue.splice(0);
      for (const queued of waiting) {
        settle(queued);
        queued.reject(new GradingWorkerError('stopped', 'was stopped before this job ran'));
      }
      await Promise.all(
        slots.map((slot) => {
          slot.stopped = true;
          return slot.worker.terminate();
        }),
      );
    },
  };
}

const POOL_KEY = Symbol.for('shipshape.gradingPool');

/** The process's grading pool, shared by every bundle (pages and route handlers are separate bundles). */
export function gradingPool(): GradingPool {
  const holder = globalThis as typeof globalThis & { [POOL_KEY]?: GradingPool };
  holder[POOL_KEY] ??= createGradingPool({ recycle: process.env.NODE_ENV === 'development' });
  return holder[POOL_KEY];
}
