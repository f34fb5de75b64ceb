/**
 * The project's real Kubernetes control plane, for tests and local trials: etcd, kube-apiserver
 * (twice: a main one and a "fault" one that tests may stop, restart and pause),
 * kube-controller-manager, kube-scheduler and kwok, all on loopback with free ports, fresh
 * certificates and a temporary run directory, seeded with the demo cluster.
 *
 *   const plane = await startControlPlane();          // starts and seeds; stops with this process
 *   plane.kubeconfig                                    // all contexts, current: shipshape-admin
 *   await plane.stop();
 *
 *   const attached = attachControlPlane(stateFile);     // from another process
 *   await stopFaultServer(stateFile);                   // … or any fault helper
 *
 * Binaries come from test/control-plane/build.sh (npm run cluster:build). Runs on Node's type
 * stripping, in Vitest and in Playwright's config.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { type ApiTarget, answersOk } from './api';
import { createPki, type Pki } from './pki';
import { freePorts, isAlive, isOurs, signalGroup, sleep, spawnLogged, tail, terminateGroups } from './processes';
import { type SeedReport, seedDemoCluster, setupAccess } from './seed';

export type { SeedReport, TroubledPod, WorkloadStatus } from './seed';
export { TROUBLE_ANNOTATION } from './seed';

/** The contexts every kubeconfig file draws from. */
export const CONTEXTS = {
  /** Cluster admin (O=system:masters). */
  admin: 'shipshape-admin',
  /** User `reviewer`: `view` in LIMITED_NAMESPACES only, plus get/list/watch on namespaces. */
  limited: 'shipshape-limited',
  /** User `tracker`: `view` in TEAM_NAMESPACE only, cannot list namespaces; the context's namespace is TEAM_NAMESPACE. */
  team: 'shipshape-team',
  /** The real server with a bearer token it does not know: 401. */
  badToken: 'shipshape-bad-token',
  /** The real server, admin certificate, but a CA that did not sign the server's certificate: TLS error. */
  wrongCa: 'shipshape-wrong-ca',
  /** A loopback port nothing listens on: connection refused. */
  unreachable: 'shipshape-unreachable',
  /** Admin on the second API server, which tests stop, start, pause and resume. */
  fault: 'shipshape-fault',
  /** The limited user on the fault API server, which lets one non-admin request in at a time (429 otherwise). */
  throttled: 'shipshape-throttled',
  /** Admin credentials handed out by an exec credential plugin, as cloud CLIs do. */
  exec: 'shipshape-exec',
  /** An exec credential plugin that fails (an expired cloud login, say). */
  execFailing: 'shipshape-exec-failing',
} as const;

export type ContextKey = keyof typeof CONTEXTS;
export type ContextName = (typeof CONTEXTS)[ContextKey];

export const LIMITED_USER = 'reviewer';
export const LIMITED_NAMESPACES = ['payments', 'storefront'] as const;
export const TEAM_USER = 'tracker';
export const TEAM_NAMESPACE = 'tracking';
export const BAD_TOKEN = 'shipshape-invalid-token';

export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'] as const;
export type ProcessName = 'etcd' | 'kube-apiserver' | 'fault-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';

const HERE = import.meta.dirname;
const REPO_ROOT = path.resolve(HERE, '../..');
const SERVICE_CIDR = '10.96.0.0/16';
const SERVICE_IP = '10.96.0.1';
const POD_CIDR = '10.244.0.0/16';
const STATE_FILE = 'state.json';
const KWOK_STAGES = [
  'node-initialize.yaml',
  'node-heartbeat-with-lease.yaml',
  'pod-ready.yaml',
  'pod-complete.yaml',
  'pod-delete.yaml',
  'shipshape-trouble.yaml',
];

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

/**
 * Runs build.sh (a no-op in well under a second when the stamp matches; about 10 minutes cold).
 * Output goes to this process's stdout/stderr unless `quiet`.
 */
export function buildControlPlane(options: { quiet?: boolean } = {}): void {
  const result = spawnSync('bash', [path.join(HERE, 'build.sh')], { stdio: options.quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`control plane build failed (exit ${result.status})${options.quiet ? `:\n${result.stdout}${result.stderr}` : ''}`);
  }
}

export interface StartOptions {
  /** Folder with the binaries; default defaultBinDir(). */
  binDir?: string;
  /** Run directory to create (must not exist or be empty); default a fresh one in the OS temp dir. */
  runDir?: string;
  /** Run build.sh first (default false: missing binaries are an error naming the command to run). */
  build?: boolean;
  /** Seed the demo cluster and wait for it to settle (default true). */
  seed?: boolean;
  /** Manifests to seed with; default lib/demo/manifests. */
  manifestsDir?: string;
  /** How long seeding waits for the demo's pods (default 90 s); what is not settled by then is reported, not thrown. */
  settleTimeoutMs?: number;
  /**
   * false (default): everything stops when this process exits, also on SIGINT/SIGTERM, an
   * uncaught error, or being killed outright (a watchdog process then cleans up).
   * true: the control plane outlives this process; stop it with stopControlPlane(stateFile).
   */
  detached?: boolean;
  /** Progress messages (default: none). */
  log?: (message: string) => void;
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

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running control plane, started here or attached to from its state file. */
export interface ControlPlane {
  readonly stateFile: string;
  readonly runDir: string;
  /** all.kubeconfig: every context, current-context shipshape-admin. */
  readonly kubeconfig: string;
  readonly kubeconfigs: KubeconfigFiles;
  readonly contexts: typeof CONTEXTS;
  /** Path of the built kubectl. */
  readonly kubectlPath: string;
  /** The state as last read (call readState() for a fresh copy). */
  readonly state: ControlPlaneState;
  readState(): ControlPlaneState;
  /** Runs kubectl against all.kubeconfig (override with --kubeconfig/--context in args); `input` goes to stdin. */
  kubectl(args: readonly string[], input?: string): Promise<CommandResult>;
  stopFaultServer(): Promise<void>;
  startFaultServer(): Promise<void>;
  pauseFaultServer(): void;
  resumeFaultServer(): void;
  /** Stops every process and removes the run directory. */
  stop(): Promise<void>;
}

/** Reads a state file. */
export function readState(stateFile: string): ControlPlaneState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as ControlPlaneState;
}

function writeState(state: ControlPlaneState): void {
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

function adminTarget(state: ControlPlaneState, server = state.urls.apiserver): ApiTarget {
  return { server, ca: state.pki.ca, cert: state.pki.adminCert, key: state.pki.adminKey };
}

/** The pids of the control plane's started processes (not the watchdog's). */
export function processPids(state: ControlPlaneState): number[] {
  return Object.values(state.processes).flatMap((record) => (record.pid === null ? [] : [record.pid]));
}

function livePids(state: ControlPlaneState): number[] {
  const pids = processPids(state);
  if (state.reaperPid !== null) pids.push(state.reaperPid);
  return pids.filter((pid) => isOurs(pid, state.runDir));
}

// ---------------------------------------------------------------------------------------------
// Kubeconfigs

interface KubeconfigEntry {
  context: string;
  cluster: { name: string; server: string; ca: string };
  user: { name: string; cert?: string; key?: string; token?: string; exec?: { command: string; args: string[] } };
  namespace?: string;
}

const base64File = (file: string) => readFileSync(file).toString('base64');

function kubeconfigYaml(entries: readonly KubeconfigEntry[], current: string): string {
  const unique = <T extends { name: string }>(items: T[]) => [...new Map(items.map((item) => [item.name, item])).values()];
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: unique(entries.map((entry) => entry.cluster)).map((cluster) => ({
      name: cluster.name,
      cluster: { server: cluster.server, 'certificate-authority-data': base64File(cluster.ca) },
    })),
    users: unique(entries.map((entry) => entry.user)).map((user) => ({
      name: user.name,
      user: user.exec
        ? {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: user.exec.command,
              args: user.exec.args,
              interactiveMode: 'Never',
            },
          }
        : user.token
          ? { token: user.token }
          : { 'client-certificate-data': base64File(user.cert ?? ''), 'client-key-data': base64File(user.key ?? '') },
    })),
    contexts: entries.map((entry) => ({
      name: entry.context,
      context: { cluster: entry.cluster.name, user: entry.user.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) },
    })),
    'current-context': current,
  });
}

/**
 * A client-go exec credential plugin (the mechanism of aws eks get-token, gke-gcloud-auth-plugin,
 * kubelogin): a script that prints an ExecCredential holding the admin's client certificate.
 */
function writeExecPlugin(runDir: string, admin: { cert: string; key: string }): { command: string; args: string[] } {
  const credential = path.join(runDir, 'exec-credential.json');
  writeFileSync(
    credential,
    JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { clientCertificateData: readFileSync(admin.cert, 'utf8'), clientKeyData: readFileSync(admin.key, 'utf8') },
    }),
    { mode: 0o600 },
  );
  return { command: '/bin/cat', args: [credential] };
}

function writeKubeconfigs(runDir: string, pki: Pki, urls: ControlPlaneState['urls']): KubeconfigFiles {
  const cluster = { name: 'shipshape', server: urls.apiserver, ca: pki.ca.cert };
  const client = (user: string) => {
    const pair = pki.clients[user];
    if (!pair) throw new Error(`no client certificate for ${user}`);
    return { name: `shipshape-${user}`, cert: pair.cert, key: pair.key };
  };
  const admin = client('admin');
  const entries: Record<ContextKey, KubeconfigEntry> = {
    admin: { context: CONTEXTS.admin, cluster, user: admin },
    limited: { context: CONTEXTS.limited, cluster, user: client(LIMITED_USER) },
    team: { context: CONTEXTS.team, cluster, user: client(TEAM_USER), namespace: TEAM_NAMESPACE },
    badToken: { context: CONTEXTS.badToken, cluster, user: { name: 'shipshape-bad-token', token: BAD_TOKEN } },
    wrongCa: { context: CONTEXTS.wrongCa, cluster: { ...cluster, name: 'shipshape-wrong-ca', ca: pki.otherCa.cert }, user: admin },
    unreachable: {
      context: CONTEXTS.unreachable,
      cluster: { ...cluster, name: 'shipshape-unreachable', server: urls.unreachable },
      user: admin,
    },
    fault: { context: CONTEXTS.fault, cluster: { ...cluster, name: 'shipshape-fault', server: urls.faultApiserver }, user: admin },
    throttled: {
      context: CONTEXTS.throttled,
      cluster: { ...cluster, name: 'shipshape-fault', server: urls.faultApiserver },
      user: client(LIMITED_USER),
    },
    exec: { context: CONTEXTS.exec, cluster, user: { name: 'shipshape-exec', exec: writeExecPlugin(runDir, admin) } },
    execFailing: {
      context: CONTEXTS.execFailing,
      cluster,
      user: { name: 'shipshape-exec-failing', exec: { command: '/bin/sh', args: ['-c', 'echo "error: login expired" >&2; exit 1'] } },
    },
  };
  const files: KubeconfigFiles = {
    all: path.join(runDir, 'all.kubeconfig'),
    admin: path.join(runDir, 'admin.kubeconfig'),
    limited: path.join(runDir, 'limited.kubeconfig'),
    team: path.join(runDir, 'team.kubeconfig'),
  };
  const write = (file: string, content: string) => writeFileSync(file, content, { mode: 0o600 });
  write(files.all, kubeconfigYaml(Object.values(entries), CONTEXTS.admin));
  write(files.admin, kubeconfigYaml([entries.admin], CONTEXTS.admin));
  write(files.limited, kubeconfigYaml([entries.limited], CONTEXTS.limited));
  write(files.team, kubeconfigYaml([entries.team], CONTEXTS.team));
  return files;
}

// ---------------------------------------------------------------------------------------------
// Owning process: stop everything on exit, signals, crashes; a watchdog for SIGKILL.

const owned = new Map<string, ControlPlaneState>();
let handlersInstalled = false;

function killOwnedNow(): void {
  for (const [stateFile, fallback] of owned) {
    let state = fallback;
    try {
      state = readState(stateFile);
    } catch {
      // the run directory may be gone already
    }
    // The watchdog stays: it exits once the run directory is gone, or finishes the job if it is not.
    for (const pid of livePids(state)) if (pid !== state.reaperPid) signalGroup(pid, 'SIGKILL');
    try {
      rmSync(state.runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    } catch {
      // the watchdog retries
    }
  }
  owned.clear();
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killOwnedNow);
  process.on('uncaughtExceptionMonitor', killOwnedNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killOwnedNow();
      process.removeListener(signal, onSignal);
      // If nobody else handles the signal, behave as if we had not been there.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Starts reaper.sh, which cleans up if this process dies without doing so (e.g. SIGKILL). */
function startReaper(runDir: string): number {
  return spawnLogged('sh', [path.join(HERE, 'reaper.sh'), String(process.pid), runDir], path.join(runDir, 'logs', 'reaper.log'));
}

// ---------------------------------------------------------------------------------------------
// Start

function apiserverArgs(runDir: string, pki: Pki, etcdUrl: string, port: number): string[] {
  return [
    `--etcd-servers=${etcdUrl}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${path.join(runDir, `apiserver-${port}`)}`,
    '--authorization-mode=Node,RBAC',
    `--client-ca-file=${pki.ca.cert}`,
    `--tls-cert-file=${pki.serving.cert}`,
    `--tls-private-key-file=${pki.serving.key}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    // Two API servers share one etcd; neither maintains the kubernetes Service endpoints.
    '--endpoint-reconciler-type=none',
    // The demo has privileged workloads (legacy-crm, observability's node-exporter).
    '--allow-privileged=true',
    '--profiling=false',
  ];
}

async function waitForReady(
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

function startProcess(state: ControlPlaneState, name: ProcessName, env?: NodeJS.ProcessEnv): void {
  const record = state.processes[name];
  const [command, ...args] = record.command;
  if (!command) throw new Error(`no command for ${name}`);
  record.pid = spawnLogged(command, args, record.log, env);
  writeState(state);
}

/** Ports, certificates and kubeconfigs for a new run directory. */
async function prepareRunDir(runDir: string) {
  const logs = path.join(runDir, 'logs');
  mkdirSync(logs);
  mkdirSync(path.join(runDir, 'pki'));

  const ports = (await freePorts(5)) as [number, number, number, number, number];
  const [etcdPort, , apiserverPort, faultPort, unreachablePort] = ports;
  const urls = {
    etcd: `http://127.0.0.1:${etcdPort}`,
    apiserver: `https://127.0.0.1:${apiserverPort}`,
    faultApiserver: `https://127.0.0.1:${faultPort}`,
    unreachable: `https://127.0.0.1:${unreachablePort}`,
  };

  const pki = await createPki(
    path.join(runDir, 'pki'),
    [
      { user: 'admin', groups: ['system:masters'] },
      { user: LIMITED_USER, groups: ['kestrel:reviewers'] },
      { user: TEAM_USER, groups: ['kestrel:tracking'] },
    ],
    SERVICE_IP,
  );
  const admin = pki.clients.admin;
  if (!admin) throw new Error('no admin certificate');
  const kubeconfigs = writeKubeconfigs(runDir, pki, urls);
  return { logs, ports, urls, pki, admin, kubeconfigs };
}

/**
 * Starts the control plane (and, unless `seed: false`, seeds the demo cluster). Rejects, after
 * stopping whatever it started, if a process fails or the API server is not ready in time.
 */
export async function startControlPlane(options: StartOptions = {}): Promise<ControlPlane> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  if (options.build) buildControlPlane();
  const binDir = path.resolve(options.binDir ?? defaultBinDir());
  const missing = missingBinaries(binDir);
  if (missing.length > 0) {
    throw new Error(`control plane binaries missing in ${binDir}: ${missing.join(', ')}. Build them with: npm run cluster:build`);
  }

  let runDir: string;
  if (options.runDir) {
    runDir = path.resolve(options.runDir);
    if (existsSync(runDir) && readdirSync(runDir).length > 0) throw new Error(`run directory ${runDir} is not empty`);
    mkdirSync(runDir, { recursive: true });
  } else {
    runDir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-cp-'));
  }
  const prepared = await prepareRunDir(runDir).catch((error: unknown) => {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  });
  const { logs, ports, urls, pki, admin, kubeconfigs } = prepared;
  const [etcdPort, etcdPeerPort, apiserverPort, faultPort, unreachablePort] = ports;
  log(`certificates and kubeconfigs ready (${Date.now() - started} ms)`);

  const bin = (name: string) => path.join(binDir, name);
  const logFile = (name: ProcessName) => path.join(logs, `${name}.log`);
  const peer = `http://127.0.0.1:${etcdPeerPort}`;
  const processes: Record<ProcessName, ProcessRecord> = {
    etcd: {
      pid: null,
      log: logFile('etcd'),
      command: [
        bin('etcd'),
        '--name=shipshape',
        `--data-dir=${path.join(runDir, 'etcd')}`,
        `--listen-client-urls=${urls.etcd}`,
        `--advertise-client-urls=${urls.etcd}`,
        `--listen-peer-urls=${peer}`,
        `--initial-advertise-peer-urls=${peer}`,
        `--initial-cluster=shipshape=${peer}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
    },
    'kube-apiserver': {
      pid: null,
      log: logFile('kube-apiserver'),
      command: [bin('kube-apiserver'), ...apiserverArgs(runDir, pki, urls.etcd, apiserverPort)],
    },
    'fault-apiserver': {
      pid: null,
      log: logFile('fault-apiserver'),
      // Both servers run on one host, so they would share (and fight over) the identity lease
      // named after the host name: the fault server goes without one.
      command: [
        bin('kube-apiserver'),
        ...apiserverArgs(runDir, pki, urls.etcd, faultPort),
        '--feature-gates=APIServerIdentity=false,UnknownVersionInteroperabilityProxy=false',
        // No watch cache: paginated lists are then served by etcd, so a continue token expires
        // (410 Gone) when etcd compacts, as on a busy production cluster; the 410 test needs it.
        '--watch-cache=false',
        // One request at a time for anyone outside system:masters, answered with 429 and
        // Retry-After otherwise (the max-in-flight filter, used when APF is off): the throttling
        // tests read as the limited user here. Admin requests are exempt, so the other fault
        // tests are unaffected.
        '--enable-priority-and-fairness=false',
        '--max-requests-inflight=1',
      ],
    },
    'kube-controller-manager': {
      pid: null,
      log: logFile('kube-controller-manager'),
      command: [
        bin('kube-controller-manager'),
        `--kubeconfig=${kubeconfigs.admin}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        '--secure-port=0',
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.ca.cert}`,
        '--use-service-account-credentials=false',
      ],
    },
    'kube-scheduler': {
      pid: null,
      log: logFile('kube-scheduler'),
      command: [
        bin('kube-scheduler'),
        `--kubeconfig=${kubeconfigs.admin}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        '--secure-port=0',
      ],
    },
    kwok: {
      pid: null,
      log: logFile('kwok'),
      command: [
        bin('kwok'),
        `--kubeconfig=${kubeconfigs.admin}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--node-lease-duration-seconds=40',
        `--cidr=${POD_CIDR}`,
        ...KWOK_STAGES.map((file) => `--config=${path.join(HERE, 'kwok', file)}`),
      ],
    },
  };

  const stateFile = path.join(runDir, STATE_FILE);
  const state: ControlPlaneState = {
    version: 1,
    stateFile,
    runDir,
    binDir,
    startedAt: new Date(started).toISOString(),
    ownerPid: options.detached ? null : process.pid,
    reaperPid: null,
    ports: { etcd: etcdPort, etcdPeer: etcdPeerPort, apiserver: apiserverPort, faultApiserver: faultPort, unreachable: unreachablePort },
    urls,
    kubeconfigs,
    contexts: CONTEXTS,
    pki: { ca: pki.ca.cert, otherCa: pki.otherCa.cert, adminCert: admin.cert, adminKey: admin.key },
    processes,
    faultServer: { paused: false },
    seed: null,
  };
  writeState(state);
  if (!options.detached) {
    installExitHandlers();
    owned.set(stateFile, state);
    state.reaperPid = startReaper(runDir);
    writeState(state);
  }

  const plane = attachControlPlane(stateFile);
  try {
    startProcess(state, 'etcd');
    startProcess(state, 'kube-apiserver');
    await waitForReady(state, ['etcd', 'kube-apiserver'], [urls.apiserver], 90_000);
    log(`API server ready (${Date.now() - started} ms)`);
    // The fault server starts once the main one has bootstrapped the cluster (two servers
    // creating the default objects at once race, harmlessly but noisily), and has the whole
    // seeding to get ready.
    startProcess(state, 'fault-apiserver');
    startProcess(state, 'kube-controller-manager');
    startProcess(state, 'kube-scheduler');
    // kwok also reads $HOME/.kwok/kwok.yaml: keep a user's file out of it.
    startProcess(state, 'kwok', { ...process.env, HOME: runDir });

    const target = adminTarget(state);
    const manifestsDir = options.manifestsDir ?? path.join(REPO_ROOT, 'lib', 'demo', 'manifests');
    await setupAccess(target, plane.kubectl, manifestsDir, {
      limited: { user: LIMITED_USER, namespaces: LIMITED_NAMESPACES },
      team: { user: TEAM_USER, namespace: TEAM_NAMESPACE },
    });
    log(`limited users ready (${Date.now() - started} ms)`);
    if (options.seed !== false) {
      const report = await seedDemoCluster(target, plane.kubectl, {
        manifestsDir,
        settleTimeoutMs: options.settleTimeoutMs ?? 90_000,
        log,
        alive: () => {
          for (const name of ['kube-controller-manager', 'kube-scheduler', 'kwok'] as const) {
            const pid = state.processes[name].pid;
            if (pid !== null && !isAlive(pid))
              throw new Error(`${name} exited; last lines of its log:\n${tail(state.processes[name].log)}`);
          }
        },
      });
      state.seed = report;
      writeState(state);
      log(`demo seeded (${Date.now() - started} ms)${report.settled ? '' : `, NOT settled:\n  ${report.problems.join('\n  ')}`}`);
    }
    await waitForReady(state, ['etcd', 'kube-apiserver', 'fault-apiserver'], [urls.faultApiserver], 90_000);
    log(`fault API server ready (${Date.now() - started} ms)`);
  } catch (error) {
    await plane.stop().catch(() => {});
    throw error;
  }
  return attachControlPlane(stateFile);
}

// ---------------------------------------------------------------------------------------------
// Attach, stop, fault server

/** Stops every process of the control plane in `stateFile` and removes its run directory. */
export async function stopControlPlane(stateFile: string): Promise<void> {
  let state: ControlPlaneState;
  try {
    state = readState(stateFile);
  } catch {
    return; // already stopped and removed
  }
  // etcd last: an API server whose etcd is gone takes its time to shut down.
  const etcd = state.processes.etcd.pid;
  await terminateGroups(livePids(state).filter((pid) => pid !== etcd));
  await terminateGroups(livePids(state).filter((pid) => pid === etcd));
  rmSync(state.runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  owned.delete(stateFile);
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

/** Stops the fault API server (SIGTERM, then SIGKILL); its port stays reserved in the state file. */
export async function stopFaultServer(stateFile: string): Promise<void> {
  const state = readState(stateFile);
  const record = state.processes['fault-apiserver'];
  if (record.pid !== null && isOurs(record.pid, state.runDir)) await terminateGroups([record.pid]);
  record.pid = null;
  state.faultServer.paused = false;
  writeState(state);
}

/** Starts the fault API server again with the same port and flags, and waits until it is ready. */
export async function startFaultServer(stateFile: string, timeoutMs = 60_000): Promise<void> {
  const state = readState(stateFile);
  const record = state.processes['fault-apiserver'];
  if (record.pid !== null && isAlive(record.pid) && isOurs(record.pid, state.runDir)) {
    if (state.faultServer.paused) signalFaultServer(state, 'SIGCONT');
  } else {
    startProcess(state, 'fault-apiserver');
    state.faultServer.paused = false;
    writeState(state);
  }
  await waitForReady(state, ['fault-apiserver'], [state.urls.faultApiserver], timeoutMs);
}

function signalFaultServer(state: ControlPlaneState, signal: 'SIGSTOP' | 'SIGCONT'): void {
  const pid = state.processes['fault-apiserver'].pid;
  if (pid === null || !isOurs(pid, state.runDir)) throw new Error('the fault API server is not running');
  signalGroup(pid, signal);
  state.faultServer.paused = signal === 'SIGSTOP';
  writeState(state);
}

/** Freezes the fault API server (SIGSTOP): connections are accepted by the kernel, requests hang. */
export function pauseFaultServer(stateFile: string): void {
  signalFaultServer(readState(stateFile), 'SIGSTOP');
}

/** Lets a paused fault API server run again (SIGCONT). */
export function resumeFaultServer(stateFile: string): void {
  signalFaultServer(readState(stateFile), 'SIGCONT');
}

/** Runs a command, collecting its output (never rejects; the exit code is in the result). */
export function runCommand(command: string, args: readonly string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => resolve({ code: 127, stdout: '', stderr: String(error) }));
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end(input ?? '');
  });
}

/** A handle on a running control plane from its state file (in any process). */
export function attachControlPlane(stateFile: string): ControlPlane {
  const file = path.resolve(stateFile);
  const state = readState(file);
  const kubectlPath = path.join(state.binDir, 'kubectl');
  return {
    stateFile: file,
    runDir: state.runDir,
    kubeconfig: state.kubeconfigs.all,
    kubeconfigs: state.kubeconfigs,
    contexts: state.contexts,
    kubectlPath,
    state,
    readState: () => readState(file),
    kubectl: (args, input) => runCommand(kubectlPath, [`--kubeconfig=${state.kubeconfigs.all}`, ...args], input),
    stopFaultServer: () => stopFaultServer(file),
    startFaultServer: () => startFaultServer(file),
    pauseFaultServer: () => pauseFaultServer(file),
    resumeFaultServer: () => resumeFaultServer(file),
    stop: () => stopControlPlane(file),
  };
}
