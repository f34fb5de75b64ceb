/**
 * What the Re-run button reports after a re-run was asked for. Shared by the server action and
 * the button; plain data, so it crosses from server to browser as is.
 */
export type RerunState =
  | { status: 'idle' }
  | { status: 'done'; evaluatedAt: string; nextAllowedAt: string }
  | { status: 'refused'; nextAllowedAt: string }
  | { status: 'failed'; message: string };

/** "10:00:13 UTC" from an ISO 8601 time. */
export function utcClock(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/** One sentence for people; empty before the first re-run. */
export function describeRerun(state: RerunState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'done':
      return `Checks re-run at ${utcClock(state.evaluatedAt)}.`;
    case 'refused':
      return `Not re-run: the checks ran moments ago. The next re-run is possible at ${utcClock(state.nextAllowedAt)}.`;
    case 'failed':
      return `Re-run failed: ${state.message}`;
  }
}
