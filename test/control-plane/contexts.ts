/**
 * The contexts of the test control plane's kubeconfigs and the users behind them: who may see
 * what, which contexts fail on purpose (bad token, wrong CA, nothing listening, a failing exec
 * plugin) and which one reaches the fault API server.
 */

/** The contexts every kubeconfig file draws from. */
export const CONTEXTS = {
  /** Cluster admin (O=system:masters). */
  admin: 'shipshape-admin',
  /** User `reviewer`: `view` in LIMITED_NAMESPACES only, plus get/list/watch on namespaces. */
  limited: 'shipshape-limited',
  /** User `tracker`: `view` and signing reviews (REVIEW_SIGNER_ROLE) in TEAM_NAMESPACE only, cannot list namespaces; the context's namespace is TEAM_NAMESPACE. */
  team: 'shipshape-team',
  /** User `navigator`: the same rights as `tracker` in TEAM_NAMESPACE, a second person who signs reviews there. */
  cosigner: 'shipshape-cosigner',
  /** The real server with a bearer token it does not know: 401. */
  badToken: 'shipshape-bad-token',
  /** The real server, admin certificate, but a CA that did not sign the server's certificate: TLS error. */
  wrongCa: 'shipshape-wrong-ca',
  /** A loopback port nothing listens on: connection refused. */
  unreachable: 'shipshape-unreachable',
  /** Admin on the second API server, which tests stop, start, pause and resume. */
  fault: 'shipshape-fault',
  /** The limited user on the fault API server, which lets one non-admin request in at a time (429 otherwise). */
  throttled: 'shipshape-throttled',
  /** Admin credentials handed out by an exec credential plugin, as cloud CLIs do. */
  exec: 'shipshape-exec',
  /** An exec credential plugin that fails (an expired cloud login, say). */
  execFailing: 'shipshape-exec-failing',
} as const;

export type ContextKey = keyof typeof CONTEXTS;
export type ContextName = (typeof CONTEXTS)[ContextKey];

export const LIMITED_USER = 'reviewer';
export const LIMITED_NAMESPACES = ['payments', 'storefront'] as const;
export const TEAM_USER = 'tracker';
export const TEAM_NAMESPACE = 'tracking';
export const COSIGNER_USER = 'navigator';
/** The Role (in each namespace where people sign) that lets a user sign go-live reviews: create, get, list, watch readinessreviews. */
export const REVIEW_SIGNER_ROLE = 'shipshape:readinessreview-signer';
export const BAD_TOKEN = 'shipshape-invalid-token';
