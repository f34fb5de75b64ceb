/**
 * Test support for the CLI: `run()` in-process with its output captured, as the entry point
 * calls it. Each test prepares the environment it needs; this only runs and collects.
 */
import path from 'node:path';
import { type CliEnv, type CliIo, run } from './run';

/** The repository root, where relative targets in the tests start. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export async function runCaptured(
  args: readonly string[],
  env: CliEnv,
  io: Partial<Omit<CliIo, 'stdout' | 'stderr'>> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, env, {
    cwd: REPO_ROOT,
    ...io,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
}
