/**
 * Process plumbing for the test control plane: free loopback ports, children started in their own
 * process group with output to a log file, and group-wide signals that never touch a process
 * that is not ours.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** Reserves `count` distinct free TCP ports on 127.0.0.1 and releases them for the caller to bind. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

/**
 * Starts a command detached, in a new process group (its pid is the group id), with stdout and
 * stderr appended to `logFile`. It survives its parent: whoever owns it must stop it.
 */
export function spawnLogged(command: string, args: readonly string[], logFile: string, env?: NodeJS.ProcessEnv): number {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env: env ?? process.env });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    // Keep the child from being an unhandled 'error' (e.g. ENOENT) in the parent.
    child.on('error', () => {});
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function procStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(pid);
  if (stat === undefined) return !existsSync('/proc/self');
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/**
 * True if `pid` is one of this control plane's processes: every command line we start names the
 * run directory. Guards against signalling a recycled pid. Where /proc is missing, trusts the pid.
 */
export function isOurs(pid: number, marker: string): boolean {
  if (!existsSync('/proc/self')) return isAlive(pid);
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/** Sends `signal` to the process group led by `pid` (and to `pid` itself if it left the group). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until every pid has exited; false if some are still alive after `timeoutMs`. */
export async function waitForExit(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pids.every((pid) => !isAlive(pid))) return true;
    await sleep(50);
  }
  return pids.every((pid) => !isAlive(pid));
}

/** SIGTERM (after SIGCONT, in case it is paused), then SIGKILL after `graceMs`, for each process group. */
export async function terminateGroups(pids: readonly number[], graceMs = 5000): Promise<void> {
  for (const pid of pids) {
    signalGroup(pid, 'SIGTERM');
    signalGroup(pid, 'SIGCONT');
  }
  if (await waitForExit(pids, graceMs)) return;
  for (const pid of pids) signalGroup(pid, 'SIGKILL');
  await waitForExit(pids, 2000);
}

/** The last `lines` lines of a log file, for error messages. */
export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
