/** Parsing of container image references, following the Docker reference grammar's defaults. */
import { memoizeString } from '../memo';

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

/**
 * The parts of a reference. Every image check asks this of every container, and a cluster runs
 * the same images many times: each reference is parsed once (the result is frozen, as it is shared).
 */
export function parseImageReference(reference: string): Readonly<ImageReference> {
  return parsedReference(reference);
}

const parsedReference = memoizeString((reference: string): Readonly<ImageReference> => Object.freeze(parseUncached(reference)));

function parseUncached(reference: string): ImageReference {
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
  const wanted = patternParts(pattern);
  if (wanted.empty || reference.trim() === '') return false;
  const { segments, partWords } = referenceParts(reference);
  if (wanted.segments) return containsRun(segments, wanted.segments, (segment, item) => segment === item);
  const words = wanted.words;
  return partWords.some((part) => containsRun(part, words, wordMatches));
}

// A reference and a pattern are split into segments and words once each, not once per pair.
const referenceParts = memoizeString((reference: string) => {
  const { registry, repository, tag } = parseImageReference(reference.toLowerCase());
  const components = repository.split('/').filter((component) => component !== '');
  return { segments: [registry, ...components], partWords: [...components, ...(tag ? [tag] : [])].map(wordsOf) };
});

const patternParts = memoizeString((pattern: string) => {
  const wanted = pattern.trim().toLowerCase();
  return {
    empty: wanted === '',
    segments: wanted.includes('/') ? wanted.split('/').filter((segment) => segment !== '') : undefined,
    words: wordsOf(wanted),
  };
});

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
 * Tags that name a branch, a channel or an environment: they move to new code with every push or
 * release. (`latest` is one too, with a message of its own.)
 */
const MOVING_TAG_WORDS: ReadonlySet<string> = new Set([
  'master',
  'main',
  'develop',
  'development',
  'dev',
  'trunk',
  'head',
  'edge',
  'nightly',
  'canary',
  'e2e',
  'stable',
  'mainline',
  'unstable',
  'testing',
  'next',
  'snapshot',
  'rolling',
  'current',
  'lts',
  'release',
  'alpha',
  'beta',
  'preview',
  'prod',
  'production',
  'staging',
  'test',
  'latest',
]);

/**
 * Tag words that name a distribution, a variant or a toolchain rather than a release (`alpine`,
 * `slim-bookworm`, `jdk17`): alone, they follow the newest release built with that flavour.
 */
const FLAVOUR_TAG_WORDS: ReadonlySet<string> = new Set([
  'alpine',
  'slim',
  'bookworm',
  'bullseye',
  'buster',
  'stretch',
  'trixie',
  'sid',
  'jammy',
  'focal',
  'bionic',
  'noble',
  'xenial',
  'ubuntu',
  'debian',
  'ubi',
  'centos',
  'rockylinux',
  'windowsservercore',
  'nanoserver',
  'ltsc',
  'distroless',
  'nonroot',
  'debug',
  'rootless',
  'static',
  'minimal',
  'micro',
  'musl',
  'glibc',
  'fpm',
  'apache',
  'cli',
  'zts',
  'jdk',
  'jre',
  'temurin',
  'corretto',
  'openjdk',
  'graalvm',
  'full',
  'headless',
  'dind',
  'perl',
  'onbuild',
  'management',
  'community',
  'wolfi',
  'busybox',
  'scratch',
]);

/** How firmly a tag pins what is pulled: `pinned`; `minor` (follows patch releases); `floating`. */
export type TagPinning = { level: 'pinned' } | { level: 'minor' | 'floating'; reason: string };

/**
 * How firmly a reference pins its image. A digest pins whatever the tag says. Otherwise the tag
 * is read in parts split at `-` and `_`: a full version (`1.27.3`), a build or date number of four
 * digits or more (`20240115`), or any other part Shipshape does not know (a commit hash, `rc1`)
 * is taken as a release name and pins. A tag made only of branch or channel
 * names (`master`, `stable-alpine`), flavours (`alpine`, `slim-bookworm`) and short versions
 * floats: major-only (`3`, `v2`) or bare words fail; `major.minor` (`3.12`, `8.0-alpine`) only
 * follows patch and security rebuilds of one release line, and is reported apart as `minor`.
 */
export function tagPinning(reference: string): TagPinning {
  const { tag, digest } = parseImageReference(reference);
  if (digest) return { level: 'pinned' };
  if (!tag) return { level: 'floating', reason: 'no tag (defaults to latest)' };
  const lowered = tag.toLowerCase();
  if (tag === 'latest') return { level: 'floating', reason: 'tag latest' };
  // The most precise version the tag holds: 8.0-bookworm is 8.0, 3-alpine is 3.
  let longest: number | undefined;
  const moving: string[] = [];
  for (const part of lowered.split(/[-_]+/).filter((segment) => segment !== '')) {
    const version = /^v?(\d+)((?:\.(?:\d+|x|\*))*)$/.exec(part);
    if (version) {
      const numbers = [version[1], ...(version[2] ?? '').split('.').slice(1)].filter((number) => number && /^\d+$/.test(number));
      // Four digits or more with no dot is a date or a build number, not a major version.
      if (numbers.length >= 3 || (numbers.length === 1 && !part.startsWith('v') && part.length >= 4 && !part.includes('.'))) {
        return { level: 'pinned' };
      }
      longest = Math.max(longest ?? 0, numbers.length);
      continue;
    }
    if (MOVING_TAG_WORDS.has(part)) {
      moving.push(part);
      continue;
    }
    // A flavour may carry its own version (alpine3.20, ubi9, jdk17, ltsc2022): still no release of the image.
    const flavour = /^([a-z]+)[\d.]*$/.exec(part);
    if (flavour && FLAVOUR_TAG_WORDS.has(flavour[1] ?? '')) continue;
    // A commit hash, a build id or a word of the team's own: a release name as far as Shipshape can tell.
    return { level: 'pinned' };
  }
  const shown = `tag \`${tag}\``;
  if (moving.length > 0)
    return {
      level: 'floating',
      reason: `${shown} names a branch or channel (${moving.join(', ')}) and moves with it; pin a version or a digest`,
    };
  if (longest === undefined)
    return { level: 'floating', reason: `${shown} names a flavour, not a release: it floats to the newest one; pin a version or a digest` };
  if (longest <= 1) return { level: 'floating', reason: `${shown} floats across releases; pin a full version or a digest` };
  return { level: 'minor', reason: `${shown} follows every patch release of its line; pin a full version or a digest` };
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
