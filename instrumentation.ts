/**
 * Runs once when the server starts. On a Node.js older than the project needs, pages would fail
 * one by one with opaque 500s; stop at once with one sentence instead.
 */
import { nodeVersionProblem } from './lib/server/node-version';

export function register(): void {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const problem = nodeVersionProblem(process.version);
  if (!problem) return;
  console.error(`shipshape: ${problem}`);
  process.exit(1);
}
