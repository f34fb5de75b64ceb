/**
 * The pure rules proxy.ts applies to every request before Next sees it: which Host names the
 * dashboard answers to (DNS rebinding), which paths are well formed, what counts as a
 * same-origin POST, and the Content-Security-Policy. No Next.js here, so it is unit-tested.
 */

/** Loopback names, always allowed: a page on another site that rebinds its DNS to 127.0.0.1 still sends its own name. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** SHIPSHAPE_ALLOWED_HOSTS: comma-separated names (or name:port), compared without case. */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0);
}

/** Splits a Host header into its name and port; undefined when it is not a plausible host. */
function splitHost(host: string): { name: string; port: string | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match?.[1]) return undefined;
  return { name: match[1], port: match[2] };
}

/**
 * Whether a request's Host is one the dashboard serves: loopback with any port, or a configured
 * name (any port), or a configured name:port (that port only).
 */
export function isAllowedHost(host: string | null | undefined, allowed: readonly string[]): boolean {
  if (!host || host.length > 255) return false;
  const parts = splitHost(host);
  if (!parts) return false;
  if (LOOPBACK_HOSTS.has(parts.name)) return true;
  const full = parts.port ? `${parts.name}:${parts.port}` : parts.name;
  return allowed.some((entry) => entry === parts.name || entry === full);
}

/** The text of the refusal: the host named (bounded, as data), and the setting that would allow it. */
export function refusedHostMessage(host: string | null | undefined): string {
  const shown = host ? JSON.stringify(host.slice(0, 80)) : 'no Host header';
  return `Refused: this dashboard does not answer to the host ${shown}. It answers to localhost, 127.0.0.1 and [::1]; add other names to SHIPSHAPE_ALLOWED_HOSTS (comma-separated).\n`;
}

/**
 * A path Next can decode: malformed percent-encoding (`%ZZ`, overlong UTF-8 such as `%C0%AF`)
 * would otherwise surface as a 500 from deep inside the router.
 */
export function isWellFormedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * A state-changing request from the dashboard's own pages. Browsers send `Sec-Fetch-Site` and
 * `Origin` on every POST, and a cross-site page cannot forge either; a client that sends neither
 * (curl, a script) is not a browser that could be tricked into it.
 */
export function isSameOriginRequest(headers: { host: string | null; origin: string | null; secFetchSite: string | null }): boolean {
  if (headers.secFetchSite !== null && headers.secFetchSite !== 'same-origin') return false;
  if (headers.origin === null) return true;
  if (!headers.host) return false;
  try {
    return new URL(headers.origin).host === headers.host.toLowerCase();
  } catch {
    return false;
  }
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The one inline style attribute allowed: `display:none`, which React writes on the hidden
 * `<svg>` that carries a streamed segment when the page's stream is cut inside an SVG icon (a
 * large page such as the overview's principle matrix). Its hash, with 'unsafe-hashes', allows
 * that exact text and no other style attribute.
 */
export const REACT_HIDDEN_SEGMENT_STYLE_HASH = "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='";

/**
 * The policy for every response. Scripts run only from this origin and with this request's
 * nonce (Next puts it on its own inline scripts); styles are the compiled Tailwind sheet plus
 * Next's nonced inline styles; nothing may frame the dashboard, change its base URL, or post
 * forms elsewhere. Development adds 'unsafe-eval', which React's dev tooling needs.
 */
export function contentSecurityPolicy(nonce: string, { development = false }: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-attr 'unsafe-hashes' ${REACT_HIDDEN_SEGMENT_STYLE_HASH}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
