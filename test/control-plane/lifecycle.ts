/**
 * Starting and stopping the control plane: build, run directory, the processes in order, seeding,
 * and the owning process's handlers (everything stops when it exits, is signalled or crashes; a
 * watchdog covers SIGKILL). attachControlPlane gives any process a handle from the state file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTEXTS, COSIGNER_USER, LIMITED_NAMESPACES, LIMITED_USER, TEAM_NAMESPACE, TEAM_USER } from './contexts';
import { pauseFaultServer, resumeFaultServer, startFaultServer, stopFaultServer } from './fault-server';
import { writeKubeconfigs } from './kubeconfigs';
import { createPki, type Pki } from './pki';
import { freePorts, isAlive, signalGroup, spawnLogged, tail, terminateGroups } from './processes';
import { seedDemoCluster, setupAccess } from './seed';
import {
  adminTarget,
  type ControlPlaneState,
  defaultBinDir,
  type KubeconfigFiles,
  livePids,
  missingBinaries,
  type ProcessName,
  type ProcessRecord,
  REPO_ROOT,
  readState,
  STATE_FILE,
  startProcess,
  waitForReady,
  writeState,
} from './state';

const HERE = import.meta.dirname;
const SERVICE_CIDR = '10.96.0.0/16';
const SERVICE_IP = '10.96.0.1';
const POD_CIDR = '10.244.0.0/16';
const KWOK_STAGES = [
  'node-initialize.yaml',
  'node-heartbeat-with-lease.yaml',
  'pod-ready.yaml',
  'pod-complete.yaml',
  'pod-delete.yaml',
  'shipshape-trouble.yaml',
];

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
      { user: COSIGNER_USER, groups: ['kestrel:tracking'] },
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
      signers: { users: [TEAM_USER, COSIGNER_USER], namespace: TEAM_NAMESPACE },
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
