/**
 * The CLI's entry point: `npx shipshape <folder-or-file> [--json] [--config FILE]` (through
 * bin/shipshape.mjs) or `npm run cli -- …`. All the work is in run.ts; this file only connects
 * it to the process.
 */
import { run } from './run';

// A reader that stops early (`shipshape … | head`) closes the pipe; the rest of the report has
// nowhere to go, which is not a failure of the run (console.log ignored it the same way).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const code = await run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
});
// exitCode, not exit(): a report larger than the pipe's buffer must reach the reader whole.
process.exitCode = code;
