/** Parsing of container image references, following the Docker reference grammar's defaults. */

export interface ImageReference {
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  /** Repository path without the registry, e.g. `library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Does a reference's first path component name a registry host (a dot or a port in it, or `localhost`)? */
export function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
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
  const hasRegistry = slash >= 0 && isRegistryHost(first);
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

/** Separators inside a path component or a tag: `static-debian12`, `3.12-slim`, `alpine3.19`. */
const WORD_SEPARATORS = /[-_.]+/;

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(WORD_SEPARATORS)
    .filter((word) => word !== '');
}

/** A word of a pattern against a word of a reference: the same, or followed by a version (`alpine3`, `debian12`). */
function wordMatches(pattern: string, word: string): boolean {
  return word === pattern || (word.startsWith(pattern) && /^\d+$/.test(word.slice(pattern.length)));
}

/** Is `run` found, in order and adjacent, in `items`? */
function containsRun<T>(items: readonly T[], run: readonly T[], matches: (pattern: T, item: T) => boolean): boolean {
  if (run.length === 0) return false;
  for (let start = 0; start + run.length <= items.length; start += 1) {
    if (run.every((pattern, offset) => matches(pattern, items[start + offset] as T))) return true;
  }
  return false;
}

/**
 * Does an image reference name what a pattern describes? Patterns match whole words, never parts
 * of one, so `microservices-demo` is not `micro`:
 * - a pattern with a `/` (`cgr.dev/`, `distroless/static`, `chainguard/`) is a run of whole path
 *   segments, the registry host included;
 * - any other pattern (`alpine`, `-slim`, `static-debian`) is a run of words of one repository path
 *   component or of the tag, words being split at `-`, `_` and `.`; a word may carry a version
 *   (`alpine3.19`, `static-debian12`). The registry host is not searched for words
 *   (`mcr.microsoft.com` is not `micro`).
 */
export function referenceMatchesPattern(reference: string, pattern: string): boolean {
  const wanted = pattern.trim().toLowerCase();
  if (wanted === '' || reference.trim() === '') return false;
  const { registry, repository, tag } = parseImageReference(reference.toLowerCase());
  const components = repository.split('/').filter((component) => component !== '');
  if (wanted.includes('/')) {
    const segments = wanted.split('/').filter((segment) => segment !== '');
    return containsRun([registry, ...components], segments, (segment, item) => segment === item);
  }
  const words = wordsOf(wanted);
  return [...components, ...(tag ? [tag] : [])].some((part) => containsRun(wordsOf(part), words, wordMatches));
}

/**
 * Does `host` match a registry pattern? `*.example.com` matches any subdomain depth;
 * a `*` inside a pattern (`*.dkr.ecr.*.amazonaws.com`) matches one DNS label.
 */
export function registryMatches(host: string, pattern: string): boolean {
  if (pattern === host) return true;
  return compiled(REGISTRY_PATTERNS, pattern, () =>
    pattern
      .split('.')
      .map((label, index) =>
        label === '*' ? (index === 0 ? '(?:[^.]+\\.)*[^.]+' : '[^.]+') : label.replace(/[-/\\^$+?()|[\]{}]/g, '\\$&'),
      )
      .join('\\.'),
  ).test(host);
}

// Patterns (configured registries, pull-secret hosts) are few and matched for every image: each
// is compiled once. The caches are emptied if a cluster ever brings an unusual number of them.
const REGISTRY_PATTERNS = new Map<string, RegExp>();
const LABEL_PATTERNS = new Map<string, RegExp>();

function compiled(cache: Map<string, RegExp>, pattern: string, source: () => string): RegExp {
  let regex = cache.get(pattern);
  if (!regex) {
    if (cache.size >= 1_000) cache.clear();
    regex = new RegExp(`^${source()}$`);
    cache.set(pattern, regex);
  }
  return regex;
}

export function registryInList(host: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => registryMatches(host, pattern));
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/**
 * A reference whose content can change under the same name: no digest, and no tag or `latest`.
 * (`name:latest@sha256:…` is pinned: the digest wins.)
 */
export function isMutableReference(reference: string): boolean {
  const { tag, digest } = parseImageReference(reference);
  return !digest && (!tag || tag === 'latest');
}

/**
 * The pull policy a container runs with. The API server fills an unset policy in the same way
 * (Always when the tag is `latest`, or when there is neither tag nor digest; IfNotPresent
 * otherwise), so a manifest and the object read back from a cluster agree.
 */
export function effectivePullPolicy(reference: string, declared: string | undefined): PullPolicy {
  if (declared === 'Always' || declared === 'IfNotPresent' || declared === 'Never') return declared;
  const { tag, digest } = parseImageReference(reference);
  if (tag === 'latest' || (!tag && !digest)) return 'Always';
  return 'IfNotPresent';
}

/** One DNS label against a glob label (`*` any run of characters, `?` one), as the kubelet's filepath.Match does. */
function labelMatches(pattern: string, label: string): boolean {
  return compiled(LABEL_PATTERNS, pattern, () =>
    pattern
      .replace(/[.+^$()|[\]{}\\-]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.'),
  ).test(label);
}

/**
 * Does a pull secret entry (a host from its `auths`, e.g. `*.example.com` or
 * `registry.example.com:5000`) hold credentials the kubelet would use for `imageHost`? Like the
 * kubelet's keyring: ports must be equal, and hosts have as many labels, each matching its glob.
 */
export function credentialCoversHost(entryHost: string, imageHost: string): boolean {
  const split = (host: string) => {
    const [name = '', port = ''] = host.toLowerCase().split(':');
    return { labels: name.split('.'), port };
  };
  const entry = split(entryHost);
  const image = split(imageHost);
  if (entry.port !== image.port || entry.labels.length !== image.labels.length) return false;
  return entry.labels.every((label, index) => labelMatches(label, image.labels[index] ?? ''));
}

/** Registry hosts (lower-cased, sorted) of the images that do not come from a public registry. */
export function privateRegistryHosts(images: readonly string[], publicRegistries: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const image of images) {
    const { registry } = parseImageReference(image);
    if (!registryInList(registry, publicRegistries)) hosts.add(registry.toLowerCase());
  }
  return [...hosts].sort();
}
