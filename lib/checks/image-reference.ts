/** Parsing of container image references, following the Docker reference grammar's defaults. */

export interface ImageReference {
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  /** Repository path without the registry, e.g. `library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageReference(reference: string): ImageReference {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? rest.slice(slash + 1) : rest;
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/')) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const parsed: ImageReference = { registry, repository: path };
  if (tag) parsed.tag = tag;
  if (digest) parsed.digest = digest;
  return parsed;
}

/**
 * Does `host` match a registry pattern? `*.example.com` matches any subdomain depth;
 * a `*` inside a pattern (`*.dkr.ecr.*.amazonaws.com`) matches one DNS label.
 */
export function registryMatches(host: string, pattern: string): boolean {
  if (pattern === host) return true;
  const escaped = pattern
    .split('.')
    .map((label, index) => (label === '*' ? (index === 0 ? '(?:[^.]+\\.)*[^.]+' : '[^.]+') : label.replace(/[-/\\^$+?()|[\]{}]/g, '\\$&')))
    .join('\\.');
  return new RegExp(`^${escaped}$`).test(host);
}

export function registryInList(host: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => registryMatches(host, pattern));
}
