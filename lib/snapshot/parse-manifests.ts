/**
 * Parse Kubernetes YAML into objects: multi-document files, `kind: List` (as
 * `kubectl get … -o yaml` prints), and single objects. Pure: text in, objects out.
 *
 * Every file is hostile input, and any of them may be a Secret: a parse error happens before
 * the kind is known. So no message here is ever built from the parser's own text or from the
 * file's content; messages say what went wrong (from the error's code), where (file, line,
 * column) and which object, never what the file holds.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { admissionProblem, describeObject, isPlausibleKind } from '../k8s/admission-schema';
import { isKnownKind } from '../k8s/kinds';
import type { KubeObject } from '../k8s/objects';
import { describeConversionError, describeYamlCode } from '../k8s/yaml-errors';

/** A manifest problem, located so a person can open the file at the right line. */
export interface ManifestError {
  file: string;
  line?: number;
  message: string;
}

/** Where an object's document starts in its manifest file (1-based line and column). */
export interface ManifestLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * Each admitted object's place in its file, beside the objects rather than on them (objects stay
 * exactly what the file said), so reports read from files can point at the line (SARIF). Weak: a
 * snapshot's objects and their locations go away together.
 */
const manifestLocations = new WeakMap<object, ManifestLocation>();

/** The file, line and column an object parsed here came from; undefined for objects from anywhere else. */
export function manifestLocationOf(object: object): ManifestLocation | undefined {
  return manifestLocations.get(object);
}

export interface ParsedManifests {
  objects: KubeObject[];
  errors: ManifestError[];
  /** Objects of kinds Shipshape does not read, by kind: counted, not fatal. A prototype-less object, so any kind name is a plain key. */
  ignoredKinds: Record<string, number>;
}

export function emptyParsedManifests(): ParsedManifests {
  return { objects: [], errors: [], ignoredKinds: Object.create(null) as Record<string, number> };
}

/** Problems listed per file before the rest are summed up in one line: a binary file would otherwise list hundreds. */
export const MAX_ERRORS_PER_FILE = 5;

/** Aliases one document may expand (the config loader uses the same bound): stops a billion-laughs file cheaply. */
const MAX_ALIAS_COUNT = 100;

/** Collects one file's problems, listing the first few and counting the rest. */
class FileProblems {
  private count = 0;
  private readonly file: string;
  private readonly into: ManifestError[];
  // Plain fields, not parameter properties: the CLI runs this file with Node's type stripping.
  constructor(file: string, into: ManifestError[]) {
    this.file = file;
    this.into = into;
  }

  /** `message` is prefixed with `line N: ` unless it already names its line (`located`). */
  add(line: number | undefined, message: string, located = false) {
    this.count += 1;
    if (this.count > MAX_ERRORS_PER_FILE) return;
    const error: ManifestError = { file: this.file, message: line && !located ? `line ${line}: ${message}` : message };
    if (line) error.line = line;
    this.into.push(error);
  }

  /** The summary line for problems past the cap, so none is left out silently. */
  finish() {
    const more = this.count - MAX_ERRORS_PER_FILE;
    if (more > 0) this.into.push({ file: this.file, message: `and ${more} more problem${more === 1 ? '' : 's'} in this file` });
  }
}

export function parseManifests(text: string, file: string, into: ParsedManifests = emptyParsedManifests()): ParsedManifests {
  const problems = new FileProblems(file, into.errors);
  const lineCounter = new LineCounter();
  // logLevel 'error': the library would otherwise print warnings (with the source quoted) to the
  // console. stringKeys: a key that is a collection is an error (its text would be a key name).
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, logLevel: 'error', stringKeys: true });
  } catch (error) {
    // Only a stack overflow on absurd nesting gets here; the file is one error, the others load.
    problems.add(undefined, error instanceof RangeError ? 'the file is nested too deeply to read' : 'the file could not be parsed as YAML');
    problems.finish();
    return into;
  }
  // parseAllDocuments returns an EmptyStream (not an array) for an empty file.
  if (!Array.isArray(documents)) return into;
  // An error found at end of input (an unclosed bracket) is reported on the last line that has text.
  const lastLine = text.trimEnd().split('\n').length;
  const where = (offset: number) => {
    const position = lineCounter.linePos(offset);
    return { line: Math.min(position.line, lastLine), col: position.col };
  };
  for (const document of documents) {
    for (const warning of document.warnings) {
      const at = where(warning.pos[0]);
      problems.add(at.line, `YAML warning at line ${at.line}, column ${at.col}: ${describeYamlCode(warning.code)}`, true);
    }
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const at = where(error.pos[0]);
        problems.add(at.line, `invalid YAML at line ${at.line}, column ${at.col}: ${describeYamlCode(error.code)}`, true);
      }
      continue;
    }
    const start = document.contents?.range?.[0];
    const position = start === undefined ? undefined : lineCounter.linePos(start);
    const line = position?.line;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // toJS throws for an alias with no anchor and for an alias bomb; its message quotes the alias.
      problems.add(line, describeConversionError(error, MAX_ALIAS_COUNT));
      continue;
    }
    if (value === null || value === undefined) continue;
    const shape = structureProblem(value);
    if (shape) {
      problems.add(line, shape);
      continue;
    }
    const located = into.objects.length;
    collect(value, line, into, problems, 0);
    // Items of a `kind: List` share the document's place: the list's line is where to look.
    if (position)
      for (const object of into.objects.slice(located)) manifestLocations.set(object, { file, line: position.line, column: position.col });
  }
  problems.finish();
  return into;
}

/** Deeper than any Kubernetes object nests (a pod template is about 12 levels). */
const MAX_DEPTH = 64;

/**
 * An alias can point at its own ancestor (`&a {items: [*a]}`), making a cycle that no later
 * step (grading, JSON for the pages) could walk; and absurd nesting costs stack everywhere.
 */
function structureProblem(root: unknown): string | undefined {
  const ancestors = new Set<object>();
  const walk = (value: unknown, depth: number): string | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    if (ancestors.has(value)) return 'the document refers to itself through an alias (a cycle)';
    if (depth > MAX_DEPTH) return `the document nests more than ${MAX_DEPTH} levels deep`;
    ancestors.add(value);
    for (const child of Object.values(value)) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    ancestors.delete(value);
    return undefined;
  };
  return walk(root, 0);
}

/** How deep `kind: List` may nest inside itself; real lists are never nested. */
const MAX_LIST_DEPTH = 4;

function collect(value: unknown, line: number | undefined, into: ParsedManifests, problems: FileProblems, depth: number) {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    problems.add(line, 'a document must be a Kubernetes object (a mapping with apiVersion and kind)');
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = object.kind;
  if (typeof kind !== 'string' || typeof object.apiVersion !== 'string') {
    problems.add(line, 'object has no apiVersion or kind');
    return;
  }
  if (!isPlausibleKind(kind)) {
    problems.add(line, 'kind is not a Kubernetes kind name (CamelCase letters and digits)');
    return;
  }
  if (kind === 'List' || kind.endsWith('List')) {
    const items = object.items;
    if (!Array.isArray(items)) {
      problems.add(line, `${kind} has no items array`);
      return;
    }
    if (depth >= MAX_LIST_DEPTH) {
      problems.add(line, `${kind} nests lists more than ${MAX_LIST_DEPTH} deep`);
      return;
    }
    for (const entry of items) collect(entry, line, into, problems, depth + 1);
    return;
  }
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object' || typeof metadata.name !== 'string' || metadata.name === '') {
    problems.add(line, `${kind} has no metadata.name`);
    return;
  }
  if (!isKnownKind(kind)) {
    into.ignoredKinds[kind] = (into.ignoredKinds[kind] ?? 0) + 1;
    return;
  }
  const problem = admissionProblem(object as unknown as KubeObject);
  if (problem) {
    problems.add(line, `${describeObject(object)} was skipped: ${problem}`);
    return;
  }
  into.objects.push(object as unknown as KubeObject);
}
