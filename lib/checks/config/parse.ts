/**
 * The configuration file, `shipshape.config.yaml`: read as a YAML document (so every error can
 * name its line) and validated strictly against schema.ts, so a typo is an error naming its field
 * rather than a setting silently ignored. A file with any error is not applied at all; grading
 * falls back to the defaults and the errors are shown. Pure: text in.
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
import { describeConversionError, describeYamlCode } from '../../k8s/yaml-errors';
import { didYouMean, quoteText } from '../../text';
import type { Severity } from '../types';
import { waiverFromConfigEntry } from '../waivers/config-entries';
import { perCheckIdSet, type RejectedWaiver, type Waiver } from '../waivers/validate';
import { schemaProblems } from './issues';
import { configFileSchema, describeType } from './schema';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './settings';

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

type PathSegment = PropertyKey;

/** `a.b[2].c`, with keys that are not plain words quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const name = String(segment);
      const key = /^[A-Za-z0-9_.-]{1,80}$/.test(name) ? name : quoteText(name, 60);
      text += text === '' ? key : `.${key}`;
    }
  }
  return text || '(file)';
}

class Problems {
  readonly errors: ConfigError[] = [];
  // Plain fields, not parameter properties: the CLI runs this file with Node's type stripping.
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

/** The file's schema with any waiver entry: each entry is validated on its own, so a bad one rejects only that waiver. */
const fileSchema = perCheckIdSet((knownCheckIds) => configFileSchema(knownCheckIds, z.unknown()));

/**
 * Parse and validate a configuration file against the checks in `knownCheckIds` (the catalog's,
 * `CATALOG_CHECK_IDS`, for everything but tests). Structural errors (unknown fields, wrong types,
 * unknown check ids) make the whole file invalid: `config` is then the defaults. A waiver entry
 * with a problem is only rejected (listed in `config.rejectedWaivers`).
 */
export function parseConfigFile(
  text: string,
  knownCheckIds: ReadonlySet<string>,
  fileName: string = DEFAULT_CONFIG_FILE_NAME,
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
  const schema = fileSchema(knownCheckIds);
  const parsed = schema.safeParse(value, {
    // Every field words its own messages (schema.ts); this is only the fallback, and like them it names the type, never the value.
    error: (issue) => `expected ${String(issue.expected ?? 'something else')}, got ${describeType(issue.input)}`,
  });
  if (!parsed.success) {
    const problems = new Problems(document, lineCounter);
    for (const problem of schemaProblems(schema, parsed.error.issues, (key, allowed) => `unknown field${didYouMean(key, allowed)}`))
      problems.add(problem.path, problem.message);
    return invalid(problems.errors);
  }
  const { settings, checks, namespaces, waivers = [] } = parsed.data;
  const accepted: Waiver[] = [];
  const rejected: RejectedWaiver[] = [];
  waivers.forEach((entry, index) => {
    const waiver = waiverFromConfigEntry(entry, `${fileName} waivers[${index}]`, knownCheckIds);
    if (waiver.waiver) accepted.push(waiver.waiver);
    else rejected.push(waiver.rejected);
  });
  const config: ShipshapeConfig = {
    // zod leaves a field the file does not name out of its result, so each default stays unless replaced.
    settings: { ...DEFAULT_CHECK_CONFIG, ...settings } as CheckConfig,
    severityOverrides: checks?.severity ?? {},
    disabledChecks: checks?.disabled ?? [],
    excludedNamespaces: namespaces?.exclude ?? [],
    includeSystemNamespaces: namespaces?.includeSystem ?? false,
    waivers: accepted,
    rejectedWaivers: rejected,
  };
  if (settings?.kubernetesVersion !== undefined) config.kubernetesVersionSet = true;
  return { config, errors: [] };
}
