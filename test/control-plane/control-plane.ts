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
 *
 * This file is the one import for users of the control plane; the parts are contexts.ts (who is
 * who), state.ts (the state file, cache paths, recorded processes), kubeconfigs.ts, lifecycle.ts
 * (build, start, stop, attach, the owning process) and fault-server.ts.
 */

export {
  BAD_TOKEN,
  CONTEXTS,
  COSIGNER_USER,
  type ContextKey,
  type ContextName,
  LIMITED_NAMESPACES,
  LIMITED_USER,
  REVIEW_SIGNER_ROLE,
  TEAM_NAMESPACE,
  TEAM_USER,
} from './contexts';
export { pauseFaultServer, resumeFaultServer, startFaultServer, stopFaultServer } from './fault-server';
export {
  attachControlPlane,
  buildControlPlane,
  type CommandResult,
  type ControlPlane,
  runCommand,
  type StartOptions,
  startControlPlane,
  stopControlPlane,
} from './lifecycle';
export type { SeedReport, TroubledPod, WorkloadStatus } from './seed';
export { reviewSignerObjects, TROUBLE_ANNOTATION } from './seed';
export {
  BINARIES,
  type ControlPlaneState,
  clusterUpRunDir,
  clusterUpStateFile,
  controlPlaneCacheDir,
  defaultBinDir,
  isControlPlaneRunning,
  type KubeconfigFiles,
  missingBinaries,
  type ProcessName,
  type ProcessRecord,
  processPids,
  readState,
} from './state';
