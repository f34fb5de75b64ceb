/**
 * The second API server, which tests stop, start, pause (SIGSTOP: connections are accepted,
 * requests hang) and resume, to prove how the dashboard behaves when a cluster goes away.
 */
import { isAlive, isOurs, signalGroup, terminateGroups } from './processes';
import { type ControlPlaneState, readState, startProcess, waitForReady, writeState } from './state';

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
