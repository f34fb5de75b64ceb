/**
 * Typed errors from reading a cluster or a snapshot. Pages show `message`, which names the
 * cause and what it affected; the raw text of an API server or parser never reaches the browser.
 */
export type SourceErrorKind =
  | 'unknown-context'
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'timeout'
  | 'malformed-snapshot'
  | 'internal';

export interface SourceError {
  kind: SourceErrorKind;
  /** A sentence for people: the cause and the object or resource it affected. */
  message: string;
  /** What to try next. */
  hint?: string;
}

export const SOURCE_ERROR_TITLES: Record<SourceErrorKind, string> = {
  'unknown-context': 'Unknown cluster context',
  unreachable: 'API server unreachable',
  tls: 'TLS verification failed',
  unauthorized: 'Credentials rejected',
  forbidden: 'Access denied',
  timeout: 'Request timed out',
  'malformed-snapshot': 'Snapshot could not be read',
  internal: 'Unexpected error',
};
