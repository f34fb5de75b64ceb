/**
 * Typed errors from reading a cluster or a snapshot. Pages show `message`, which names the
 * cause and what it affected; the raw text of an API server or parser never reaches the browser.
 */
export type SourceErrorKind =
  | 'unknown-context'
  | 'unreachable'
  | 'tls'
  /** An `http://` server the kubeconfig does not allow: nothing was sent. */
  | 'plain-http'
  /** The kubeconfig cannot be used as written (a file it names is unreadable, no cluster). */
  | 'kubeconfig'
  | 'unauthorized'
  | 'forbidden'
  /** One request ran out of its time. */
  | 'timeout'
  /** The whole read ran out of its time. */
  | 'deadline'
  /** The API server kept failing (5xx) or throttling (429) after every retry. */
  | 'server-error'
  /** Not JSON, not a list, or a list that pages without end. */
  | 'malformed-response'
  /** A bound of the read was reached (pages per list, requests or objects per read). */
  | 'limit-exceeded'
  /** The read was stopped because no request was waiting for it any more. */
  | 'abandoned'
  | 'malformed-snapshot'
  | 'internal';

export interface SourceError {
  kind: SourceErrorKind;
  /** A sentence for people: the cause and the object or resource it affected. */
  message: string;
  /** What to try next; settings and kubeconfig keys are written in `backticks`. */
  hint?: string;
}

export const SOURCE_ERROR_TITLES: Record<SourceErrorKind, string> = {
  'unknown-context': 'Unknown cluster context',
  unreachable: 'API server unreachable',
  tls: 'TLS verification failed',
  'plain-http': 'Plain HTTP not allowed',
  kubeconfig: 'Kubeconfig cannot be used',
  unauthorized: 'Credentials rejected',
  forbidden: 'Access denied',
  timeout: 'Request timed out',
  deadline: 'Read took too long',
  'server-error': 'API server failing',
  'malformed-response': 'Unexpected answer from the API server',
  'limit-exceeded': 'Read limit reached',
  abandoned: 'Read abandoned',
  'malformed-snapshot': 'Snapshot could not be read',
  internal: 'Unexpected error',
};
