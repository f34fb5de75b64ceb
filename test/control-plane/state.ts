/**
 * The control plane's state file and cache paths: where the binaries and the `cluster:up` run
 * live, the state another process reads to use or control a running plane, and the recorded
 * processes (started from their exact argv, waited on until their API servers are ready).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ApiTarget, answersOk } from './api';
import type { CONTEXTS } from './contexts';
import { isAlive, isOurs, sleep, spawnLogged, tail } from './processes';
import type { SeedReport } from './seed';

export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'] as const;
export type ProcessName = 'etcd' | 'kube-apiserver' | 'fault-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

const HERE = import.meta.dirname;
export const REPO_ROOT = path.resolve(HERE, '../..');
export const STATE_FILE = 'state.json';

/** The cache root: $SHIPSHAPE_CP_CACHE, or .cache/control-plane in the repository. */
export function controlPlaneCacheDir(): string {
  const fromEnv = process.env.SHIPSHAPE_CP_CACHE;
  return fromEnv ? path.resolve(fromEnv) : path.join(REPO_ROOT, '.cache', 'control-plane');
}

/** The run directory of the control plane `npm run cluster:up` keeps running. */
export function clusterUpRunDir(): string {
  return path.join(controlPlaneCacheDir(), 'run');
}

/** The state file of the control plane `npm run cluster:up` keeps running. */
export function clusterUpStateFile(): string {
  return path.join(clusterUpRunDir(), STATE_FILE);
}

/** Where build.sh puts the binaries. */
export function defaultBinDir(): string {
  return path.join(controlPlaneCacheDir(), 'bin');
}

/** Binaries missing from `binDir` (empty when the control plane is built). */
export function missingBinaries(binDir = defaultBinDir()): string[] {
  return BINARIES.filter((name) => !existsSync(path.join(binDir, name)));
}

/** A process of the control plane: `command` is the exact argv (binary first); `pid` is null while stopped. */
export interface ProcessRecord {
  pid: number | null;
  command: string[];
  log: string;
}

/** The state file: everything another process needs to use or control the control plane. */
export interface ControlPlaneState {
  version: 1;
  stateFile: string;
  runDir: string;
  binDir: string;
  startedAt: string;
  /** The process that owns it (stops it when it exits), or null when detached. */
  ownerPid: number | null;
  /** Watchdog that cleans up if the owner dies without doing so. */
  reaperPid: number | null;
  ports: { etcd: number; etcdPeer: number; apiserver: number; faultApiserver: number; unreachable: number };
  urls: { etcd: string; apiserver: string; faultApiserver: string; unreachable: string };
  kubeconfigs: KubeconfigFiles;
  contexts: typeof CONTEXTS;
  pki: { ca: string; otherCa: string; adminCert: string; adminKey: string };
  processes: Record<ProcessName, ProcessRecord>;
  faultServer: { paused: boolean };
  /** What seeding found, when it ran. */
  seed: SeedReport | null;
}

/** Kubeconfig files (absolute paths). */
export interface KubeconfigFiles {
  /** Every context; current-context shipshape-admin. */
  all: string;
  /** shipshape-admin only. */
  admin: string;
  /** shipshape-limited only. */
  limited: string;
  /** shipshape-team only. */
  team: string;
}

/** Reads a state file. */
export function readState(stateFile: string): ControlPlaneState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as ControlPlaneState;
}

export function writeState(state: ControlPlaneState): void {
  const temp = `${state.stateFile}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, state.stateFile);
  // The watchdog reads plain process-group ids, etcd's last (it is stopped last).
  const pids = Object.entries(state.processes)
    .sort(([a], [b]) => Number(a === 'etcd') - Number(b === 'etcd'))
    .map(([, record]) => record.pid)
    .filter((pid): pid is number => pid !== null);
  writeFileSync(path.join(state.runDir, 'pids'), `${pids.join('\n')}\n`);
}

export function adminTarget(state: ControlPlaneState, server = state.urls.apiserver): ApiTarget {
  return { server, ca: state.pki.ca, cert: state.pki.adminCert, key: state.pki.adminKey };
}

/** The pids of the control plane's started processes (not the watchdog's). */
export function processPids(state: ControlPlaneState): number[] {
  return Object.values(state.processes).flatMap((record) => (record.pid === null ? [] : [record.pid]));
}

export function livePids(state: ControlPlaneState): number[] {
  const pids = processPids(state);
  if (state.reaperPid !== null) pids.push(state.reaperPid);
  return pids.filter((pid) => isOurs(pid, state.runDir));
}

/** True when the control plane's main API server process is still alive. */
export function isControlPlaneRunning(stateFile: string): boolean {
  try {
    const state = readState(stateFile);
    const pid = state.processes['kube-apiserver'].pid;
    return pid !== null && isAlive(pid) && isOurs(pid, state.runDir);
  } catch {
    return false;
  }
}

export async function waitForReady(
  state: ControlPlaneState,
  names: readonly ProcessName[],
  servers: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(servers);
  while (pending.size > 0) {
    for (const name of names) {
      const pid = state.processes[name].pid;
      if (pid !== null && !isAlive(pid)) {
        throw new Error(`${name} exited during start-up; last lines of ${state.processes[name].log}:\n${tail(state.processes[name].log)}`);
      }
    }
    for (const server of [...pending]) {
      if (await answersOk(adminTarget(state, server), '/readyz')) pending.delete(server);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      const logs = names.map((name) => `--- ${name}:\n${tail(state.processes[name].log)}`).join('\n');
      throw new Error(`API server not ready after ${timeoutMs / 1000}s (${[...pending].join(', ')})\n${logs}`);
    }
    await sleep(250);
  }
}

export function startProcess(state: ControlPlaneState, name: ProcessName, env?: NodeJS.ProcessEnv): void {
  const record = state.processes[name];
  const [command, ...args] = record.command;
  if (!command) throw new Error(`no command for ${name}`);
  record.pid = spawnLogged(command, args, record.log, env);
  writeState(state);
}
