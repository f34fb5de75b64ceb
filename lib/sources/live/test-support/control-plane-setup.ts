/**
 * Vitest global setup for the `live` project: use the control plane the test runner started
 * (SHIPSHAPE_CP_STATE), or start one for this run and stop it afterwards, failures included.
 */
import { isControlPlaneRunning, startControlPlane } from '../../../../scripts/control-plane/control-plane';
import { CLUSTER_UP_STATE } from './test-cluster';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.SHIPSHAPE_CP_STATE;
  if (given && isControlPlaneRunning(given)) return undefined;
  if (!given && isControlPlaneRunning(CLUSTER_UP_STATE)) {
    process.env.SHIPSHAPE_CP_STATE = CLUSTER_UP_STATE;
    return undefined;
  }
  const plane = await startControlPlane({ build: true, log: (message) => console.log(`control plane: ${message}`) });
  process.env.SHIPSHAPE_CP_STATE = plane.stateFile;
  return () => plane.stop();
}
