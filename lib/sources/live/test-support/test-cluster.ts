/**
 * The real control plane the live tests talk to (scripts/control-plane), found through its
 * state file: SHIPSHAPE_CP_STATE when a runner started it (scripts/run-tests.mjs, the Vitest
 * global setup), else the one `npm run cluster:up` keeps running.
 */
import path from 'node:path';
import { attachControlPlane, type ControlPlane, isControlPlaneRunning } from '../../../../scripts/control-plane/control-plane';

export const CLUSTER_UP_STATE = path.join(process.cwd(), '.cache', 'control-plane', 'run', 'state.json');

export function controlPlaneStateFile(): string {
  const stateFile = process.env.SHIPSHAPE_CP_STATE ?? CLUSTER_UP_STATE;
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
