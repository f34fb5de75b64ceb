/**
 * The configuration file, `shipshape.config.yaml`: parsed and validated strictly, so a typo is
 * an error naming its field rather than a setting silently ignored. A file with any error is
 * not applied at all; grading falls back to the defaults and the errors are shown. Pure: text in.
 *
 *   apiVersion: shipshape.dev/v1
 *   kind: ShipshapeConfig
 *   settings: { <any CheckConfig field>: … }      # replaces that default; kubernetesVersion: "1.37"
 *   checks: { disabled: [id…], severity: { id: blocking|major|minor } }
 *   namespaces: { exclude: [name or pattern with *…], includeSystem: false }
 *   waivers: [{ check, namespace, object?: Kind/name, reason, approvedBy, expires: YYYY-MM-DD }]
 */
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { parseKubernetesVersion } from '../k8s/api-versions';
import { describeConversionError, describeYamlCode } from '../k8s/yaml-errors';
import { CATALOG_CHECK_IDS } from './catalog';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './config';
import type { Check, Severity } from './types';
import { quoteText, type RejectedWaiver, suggestion, unknownCheckProblem, type Waiver, waiverFromConfigEntry } from './waivers';

export const CONFIG_API_VERSION = 'shipshape.dev/v1';
export const CONFIG_KIND = 'ShipshapeConfig';
/** Looked for in the working directory when SHIPSHAPE_CONFIG names no file. */
export const DEFAULT_CONFIG_FILE_NAME = 'shipshape.config.yaml';
/** A configuration file is a page of YAML, not a megabyte. */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** A handful of aliases is plenty for a config file; many is an expansion attack. */
const CONFIG_MAX_ALIAS_COUNT = 20;

/** Everything the file can set, with the defaults filled in. */
export interface ShipshapeConfig {
  /** What the checks read (registries, patterns, keys, thresholds). */
  settings: CheckConfig;
  /** Severity per check id, where the file overrides the catalog. */
  severityOverrides: Readonly<Record<string, Severity>>;
  /** Checks not run; each shows as not evaluated (disabled). */
  disabledChecks: readonly string[];
  /** Namespace names or patterns (`*` matches any run of characters) not graded, besides the system namespaces. */
  excludedNamespaces: readonly string[];
  /** Grade kube-system, kube-public and kube-node-lease too. */
  includeSystemNamespaces: boolean;
  /** Set when the file names `settings.kubernetesVersion`; otherwise a live cluster is graded against its own version. */
  kubernetesVersionSet?: true;
  waivers: readonly Waiver[];
  /** Waiver entries of the file that were rejected; the rest of the file still applies. */
  rejectedWaivers: readonly RejectedWaiver[];
}

export const DEFAULT_SHIPSHAPE_CONFIG: ShipshapeConfig = {
  settings: DEFAULT_CHECK_CONFIG,
  severityOverrides: {},
  disabledChecks: [],
  excludedNamespaces: [],
  includeSystemNamespaces: false,
  waivers: [],
  rejectedWaivers: [],
};

/** A problem with the file, named by its field path (`checks.severity.image-tag-pined`). */
export interface ConfigError {
  path: string;
  message: string;
  line?: number;
}

export interface ParsedConfig {
  /** The configuration to grade with: the file's when it has no errors, else the defaults. */
  config: ShipshapeConfig;
  errors: ConfigError[];
}

const SEVERITIES: readonly Severity[] = ['blocking', 'major', 'minor'];
const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'settings', 'checks', 'namespaces', 'waivers'] as const;
const CHECKS_FIELDS = ['disabled', 'severity'] as const;
const NAMESPACES_FIELDS = ['exclude', 'includeSystem'] as const;
const NAMESPACE_PATTERN = /^[a-z0-9*]([-a-z0-9*]{0,62})$/;

type PathSegment = string | number;

/** `a.b[2].c`, with keys that are not plain words quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const key = /^[A-Za-z0-9_.-]{1,80}$/.test(segment) ? segment : quoteText(segment, 60);
      text += text === '' ? key : `.${key}`;
    }
  }
  return text || '(file)';
}

class Problems {
  readonly errors: ConfigError[] = [];
  private readonly document: Document | undefined;
  private readonly lineCounter: LineCounter;

  constructor(document: Document | undefined, lineCounter: LineCounter) {
    this.document = document;
    this.lineCounter = lineCounter;
  }

  add(path: readonly PathSegment[], message: string) {
    const error: ConfigError = { path: formatPath(path), message };
    const line = this.lineOf(path);
    if (line !== undefined) error.line = line;
    this.errors.push(error);
  }

  /** The line of the key (for a mapping field) or the value at `path`. */
  private lineOf(path: readonly PathSegment[]): number | undefined {
    if (!this.document || path.length === 0) return undefined;
    const last = path[path.length - 1];
    const parent = path.length === 1 ? this.document.contents : this.document.getIn(path.slice(0, -1), true);
    let offset: number | undefined;
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last);
      const key = pair?.key;
      if (isScalar(key) && key.range) offset = key.range[0];
    }
    if (offset === undefined) {
      const node = this.document.getIn(path, true) as { range?: [number, number, number] } | undefined;
      offset = node?.range?.[0];
    }
    return offset === undefined ? undefined : this.lineCounter.linePos(offset).line;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type of a value, never the value: the file may not be a config file at all (/etc/passwd, a Secret). */
function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'other text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value;
}

function unknownFields(value: Record<string, unknown>, allowed: readonly string[], path: PathSegment[], problems: Problems) {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = suggestion(key, allowed);
    problems.add([...path, key], `unknown field${guess ? ` (did you mean ${guess}?)` : ''}`);
  }
}

/**
 * Validate `value` against the shape of a default value: lists of the same item type, strings,
 * numbers (integers where the default is one, never negative where the default is not), booleans,
 * and mappings with the same keys. New CheckConfig fields are settable with no new code.
 */
function likeDefault(value: unknown, example: unknown, path: PathSegment[], problems: Problems): unknown {
  if (Array.isArray(example)) {
    if (!Array.isArray(value)) {
      problems.add(path, `expected a list, got ${describeType(value)}`);
      return undefined;
    }
    const itemExample = example[0] ?? '';
    return value.map((item, index) => likeDefault(item, itemExample, [...path, index], problems));
  }
  if (typeof example === 'string') {
    if (typeof value !== 'string') problems.add(path, `expected text, got ${describeType(value)}`);
    else if (value.trim() === '') problems.add(path, 'must not be empty');
    return value;
  }
  if (typeof example === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.add(path, `expected a number, got ${describeType(value)}`);
    else if (Number.isInteger(example) && !Number.isInteger(value)) problems.add(path, 'expected a whole number');
    else if (example >= 0 && value < 0) problems.add(path, 'must not be negative');
    return value;
  }
  if (typeof example === 'boolean') {
    if (typeof value !== 'boolean') problems.add(path, `expected true or false, got ${describeType(value)}`);
    return value;
  }
  if (isRecord(example)) {
    if (!isRecord(value)) {
      problems.add(path, `expected a mapping, got ${describeType(value)}`);
      return undefined;
    }
    const keys = Object.keys(example);
    // An empty default mapping is an open map (label key → value, say): any key, values like text.
    if (keys.length === 0) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, likeDefault(item, '', [...path, key], problems)]));
    }
    unknownFields(value, keys, path, problems);
    return Object.fromEntries(
      keys.map((key) => [key, key in value ? likeDefault(value[key], example[key], [...path, key], problems) : example[key]]),
    );
  }
  return value;
}

function parseSettings(value: unknown, problems: Problems): CheckConfig {
  if (value === undefined) return DEFAULT_CHECK_CONFIG;
  if (!isRecord(value)) {
    problems.add(['settings'], `expected a mapping of settings, got ${describeType(value)}`);
    return DEFAULT_CHECK_CONFIG;
  }
  const defaults = DEFAULT_CHECK_CONFIG as unknown as Record<string, unknown>;
  unknownFields(value, Object.keys(defaults), ['settings'], problems);
  const settings: Record<string, unknown> = { ...defaults };
  for (const [key, example] of Object.entries(defaults)) {
    if (key === 'kubernetesVersion') continue;
    if (key in value) settings[key] = likeDefault(value[key], example, ['settings', key], problems);
  }
  if ('kubernetesVersion' in value) {
    const version = KUBERNETES_VERSION_SETTING.safeParse(value.kubernetesVersion);
    if (version.success) settings.kubernetesVersion = version.data;
    else problems.add(['settings', 'kubernetesVersion'], version.error.issues[0]?.message ?? 'expected a Kubernetes version');
  }
  return settings as unknown as CheckConfig;
}

/**
 * `settings.kubernetesVersion`: text such as "1.37" or "v1.37.2", kept as its minor release. A bare
 * YAML number is refused, because YAML reads 1.30 as the number 1.3.
 */
const KUBERNETES_VERSION_SETTING = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `expected the version in quotes, such as "1.30", got the number ${issue.input} (YAML reads an unquoted 1.30 as 1.3)`
        : `expected a Kubernetes version such as "1.37", got ${describeType(issue.input)}`,
  })
  .transform((text, context) => {
    const version = parseKubernetesVersion(text);
    if (version?.major !== 1) {
      context.addIssue({ code: 'custom', message: `expected a Kubernetes version such as "1.37", got ${quoteText(text, 40)}` });
      return z.NEVER;
    }
    return `${version.major}.${version.minor}`;
  });

function checkIdList(value: unknown, path: PathSegment[], knownCheckIds: ReadonlySet<string>, problems: Problems): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(path, `expected a list of check ids, got ${describeType(value)}`);
    return [];
  }
  const ids: string[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string') problems.add([...path, index], `expected a check id, got ${describeType(item)}`);
    else if (!knownCheckIds.has(item)) problems.add([...path, index], unknownCheckProblem(item, knownCheckIds));
    else if (!ids.includes(item)) ids.push(item);
  });
  return ids;
}

function parseChecks(
  value: unknown,
  knownCheckIds: ReadonlySet<string>,
  problems: Problems,
): Pick<ShipshapeConfig, 'disabledChecks' | 'severityOverrides'> {
  if (value === undefined) return { disabledChecks: [], severityOverrides: {} };
  if (!isRecord(value)) {
    problems.add(['checks'], `expected a mapping with disabled and severity, got ${describeType(value)}`);
    return { disabledChecks: [], severityOverrides: {} };
  }
  unknownFields(value, CHECKS_FIELDS, ['checks'], problems);
  const disabledChecks = checkIdList(value.disabled, ['checks', 'disabled'], knownCheckIds, problems);
  const severityOverrides: Record<string, Severity> = {};
  if (value.severity !== undefined) {
    if (!isRecord(value.severity))
      problems.add(['checks', 'severity'], `expected a mapping of check id to severity, got ${describeType(value.severity)}`);
    else {
      for (const [id, severity] of Object.entries(value.severity)) {
        const path = ['checks', 'severity', id];
        if (!knownCheckIds.has(id)) problems.add(path, unknownCheckProblem(id, knownCheckIds));
        else if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity))
          problems.add(path, `expected one of ${SEVERITIES.join(', ')}, got ${describeType(severity)}`);
        else severityOverrides[id] = severity as Severity;
      }
    }
  }
  return { disabledChecks, severityOverrides };
}

function parseNamespaces(value: unknown, problems: Problems): Pick<ShipshapeConfig, 'excludedNamespaces' | 'includeSystemNamespaces'> {
  const result = { excludedNamespaces: [] as string[], includeSystemNamespaces: false };
  if (value === undefined) return result;
  if (!isRecord(value)) {
    problems.add(['namespaces'], `expected a mapping with exclude and includeSystem, got ${describeType(value)}`);
    return result;
  }
  unknownFields(value, NAMESPACES_FIELDS, ['namespaces'], problems);
  if (value.exclude !== undefined) {
    if (!Array.isArray(value.exclude))
      problems.add(['namespaces', 'exclude'], `expected a list of namespace names, got ${describeType(value.exclude)}`);
    else {
      value.exclude.forEach((item, index) => {
        if (typeof item === 'string' && NAMESPACE_PATTERN.test(item)) result.excludedNamespaces.push(item);
        else problems.add(['namespaces', 'exclude', index], `expected a namespace name or a pattern with *, got ${describeType(item)}`);
      });
    }
  }
  if (value.includeSystem !== undefined) {
    if (typeof value.includeSystem !== 'boolean')
      problems.add(['namespaces', 'includeSystem'], `expected true or false, got ${describeType(value.includeSystem)}`);
    else result.includeSystemNamespaces = value.includeSystem;
  }
  return result;
}

function parseWaivers(
  value: unknown,
  fileName: string,
  knownCheckIds: ReadonlySet<string>,
  problems: Problems,
): Pick<ShipshapeConfig, 'waivers' | 'rejectedWaivers'> {
  const result = { waivers: [] as Waiver[], rejectedWaivers: [] as RejectedWaiver[] };
  if (value === undefined) return result;
  if (!Array.isArray(value)) {
    problems.add(['waivers'], `expected a list of waivers, got ${describeType(value)}`);
    return result;
  }
  value.forEach((entry, index) => {
    const parsed = waiverFromConfigEntry(entry, `${fileName} waivers[${index}]`, knownCheckIds);
    if (parsed.waiver) result.waivers.push(parsed.waiver);
    else result.rejectedWaivers.push(parsed.rejected);
  });
  return result;
}

/**
 * Parse and validate a configuration file. Structural errors (unknown fields, wrong types,
 * unknown check ids) make the whole file invalid: `config` is then the defaults. A waiver entry
 * with a problem is only rejected (listed in `config.rejectedWaivers`).
 */
export function parseConfigFile(
  text: string,
  fileName: string = DEFAULT_CONFIG_FILE_NAME,
  knownCheckIds: ReadonlySet<string> = CATALOG_CHECK_IDS,
): ParsedConfig {
  const invalid = (errors: ConfigError[]): ParsedConfig => ({ config: DEFAULT_SHIPSHAPE_CONFIG, errors });
  if (text.length > MAX_CONFIG_BYTES)
    return invalid([{ path: '(file)', message: `the file is larger than ${MAX_CONFIG_BYTES / 1024} KiB` }]);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return invalid(
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '(file)', line, message: `invalid YAML at line ${line}, column ${col}: ${describeYamlCode(error.code)}` };
      }),
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: CONFIG_MAX_ALIAS_COUNT });
  } catch (error) {
    return invalid([{ path: '(file)', message: `the YAML could not be read: ${describeConversionError(error, CONFIG_MAX_ALIAS_COUNT)}` }]);
  }
  const problems = new Problems(document, lineCounter);
  if (!isRecord(value)) {
    problems.add([], `expected a mapping with apiVersion: ${CONFIG_API_VERSION} and kind: ${CONFIG_KIND}, got ${describeType(value)}`);
    return invalid(problems.errors);
  }
  unknownFields(value, TOP_LEVEL_FIELDS, [], problems);
  if (value.apiVersion !== CONFIG_API_VERSION) {
    problems.add(
      ['apiVersion'],
      value.apiVersion === undefined
        ? `required: ${CONFIG_API_VERSION}`
        : `expected ${CONFIG_API_VERSION}, got ${describeType(value.apiVersion)}`,
    );
  }
  if (value.kind !== CONFIG_KIND) {
    problems.add(
      ['kind'],
      value.kind === undefined ? `required: ${CONFIG_KIND}` : `expected ${CONFIG_KIND}, got ${describeType(value.kind)}`,
    );
  }
  const config: ShipshapeConfig = {
    settings: parseSettings(value.settings, problems),
    ...parseChecks(value.checks, knownCheckIds, problems),
    ...parseNamespaces(value.namespaces, problems),
    ...parseWaivers(value.waivers, fileName, knownCheckIds, problems),
  };
  if (isRecord(value.settings) && 'kubernetesVersion' in value.settings) config.kubernetesVersionSet = true;
  return problems.errors.length > 0 ? invalid(problems.errors) : { config, errors: [] };
}

/** The severity a check is graded with under this configuration. */
export function effectiveSeverity(check: Pick<Check, 'id' | 'severity'>, config: ShipshapeConfig): Severity {
  return config.severityOverrides[check.id] ?? check.severity;
}

export function isCheckDisabled(checkId: string, config: ShipshapeConfig): boolean {
  return config.disabledChecks.includes(checkId);
}

/** Does a namespace name match an `exclude` entry (`*` matches any run of characters)? */
export function namespaceMatches(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const expression = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return expression.test(name);
}

export function isNamespaceExcluded(name: string, config: ShipshapeConfig): boolean {
  return config.excludedNamespaces.some((pattern) => namespaceMatches(name, pattern));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
