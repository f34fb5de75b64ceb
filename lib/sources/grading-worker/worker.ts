/**
 * The grading worker thread: runs grading jobs one at a time and posts each output back.
 * Started by grading-pool.ts through worker-entry.mjs, which lets Node load this TypeScript.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { type GradingJob, runGradingJob } from './grading-job';

export type ToWorker = { type: 'job'; id: number; job: GradingJob } | { type: 'abort'; id: number };

export type FromWorker =
  | { type: 'ready'; threadId: number }
  | { type: 'result'; id: number; output: Awaited<ReturnType<typeof runGradingJob>>; threadId: number }
  /** `name` and `code` only: an exception's message may quote file content (a Secret's, even). */
  | { type: 'failed'; id: number; error: { name: string; code?: string } };

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread only');

const aborted = new Set<number>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    aborted.add(message.id);
    return;
  }
  const { id, job } = message;
  runGradingJob(job, () => aborted.has(id)).then(
    (output) => {
      aborted.delete(id);
      port.postMessage({ type: 'result', id, output, threadId } satisfies FromWorker);
    },
    (error: unknown) => {
      aborted.delete(id);
      const name = error instanceof Error ? error.name : typeof error;
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      port.postMessage({ type: 'failed', id, error: typeof code === 'string' ? { name, code } : { name } } satisfies FromWorker);
    },
  );
});

port.postMessage({ type: 'ready', threadId } satisfies FromWorker);
