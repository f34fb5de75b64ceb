/**
 * Whether a mutating request comes from a page of this dashboard: its Origin header names the
 * host it was sent to. Next already refuses server actions from another origin; the sign-off
 * checks again itself, and also refuses a request with no Origin at all (every browser sends one
 * on a form POST), since it is Shipshape's only write to a cluster. Pure.
 */
export function isSameOrigin(origin: string | null, host: string | null): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
