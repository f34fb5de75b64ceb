/**
 * Vitest global setup for the `live` project: use the control plane the test runner started
 * (SHIPSHAPE_CP_STATE) or `npm run cluster:up` keeps running, or start one for this run and
 * stop it afterwards, failures included.
 */
import { isControlPlaneRunning, startControlPlane } from '../control-plane/control-plane';
import { liveStateFile } from './test-cluster';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const stateFile = liveStateFile();
  if (isControlPlaneRunning(stateFile)) {
    process.env.SHIPSHAPE_CP_STATE = stateFile;
    return undefined;
  }
  const plane = await startControlPlane({ build: true, log: (message) => console.log(`control plane: ${message}`) });
  process.env.SHIPSHAPE_CP_STATE = plane.stateFile;
  return () => plane.stop();
}
