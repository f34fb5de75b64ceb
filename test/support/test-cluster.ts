/**
 * The real control plane the live tests talk to (test/control-plane), found through its
 * state file: SHIPSHAPE_CP_STATE when a runner started it (scripts/run-tests.mjs, the Vitest
 * global setup), else the one `npm run cluster:up` keeps running.
 */
import { attachControlPlane, type ControlPlane, clusterUpStateFile, isControlPlaneRunning } from '../control-plane/control-plane';

/** Where the live tests look for the control plane's state file (which may be missing or stale). */
export function liveStateFile(): string {
  return process.env.SHIPSHAPE_CP_STATE ?? clusterUpStateFile();
}

export function controlPlaneStateFile(): string {
  const stateFile = liveStateFile();
  if (!isControlPlaneRunning(stateFile)) {
    throw new Error(
      `No test control plane is running (state file ${stateFile}). Run the suite with \`npm test\`, which starts one, or start one with \`npm run cluster:up\`.`,
    );
  }
  return stateFile;
}

export function testCluster(): ControlPlane {
  return attachControlPlane(controlPlaneStateFile());
}
