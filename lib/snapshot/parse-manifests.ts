/**
 * Parse Kubernetes YAML into objects: multi-document files, `kind: List` (as
 * `kubectl get … -o yaml` prints), and single objects. Pure: text in, objects out.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { isKnownKind } from '../inventory';
import type { KubeObject } from '../k8s/objects';

/** A manifest problem, located so a person can open the file at the right line. */
export interface ManifestError {
  file: string;
  line?: number;
  message: string;
}

export interface ParsedManifests {
  objects: KubeObject[];
  errors: ManifestError[];
  /** Objects of kinds Shipshape does not read, by kind: counted, not fatal. */
  ignoredKinds: Record<string, number>;
}

export function emptyParsedManifests(): ParsedManifests {
  return { objects: [], errors: [], ignoredKinds: {} };
}

export function parseManifests(text: string, file: string, into: ParsedManifests = emptyParsedManifests()): ParsedManifests {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  // parseAllDocuments returns an EmptyStream (not an array) for an empty file.
  if (!Array.isArray(documents)) return into;
  // An error found at end of input (an unclosed bracket) is reported on the last line that has text.
  const lastLine = text.trimEnd().split('\n').length;
  for (const document of documents) {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const line = Math.min(lineCounter.linePos(error.pos[0]).line, lastLine);
        into.errors.push({ file, line, message: `invalid YAML at line ${line}: ${firstLine(error.message)}` });
      }
      continue;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    const line = document.contents ? lineCounter.linePos(document.contents.range[0]).line : undefined;
    collect(value, file, line, into);
  }
  return into;
}

function collect(value: unknown, file: string, line: number | undefined, into: ParsedManifests) {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    into.errors.push(located(file, line, 'a document must be a Kubernetes object (a mapping with apiVersion and kind)'));
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = object.kind;
  if (typeof kind !== 'string' || typeof object.apiVersion !== 'string') {
    into.errors.push(located(file, line, 'object has no apiVersion or kind'));
    return;
  }
  if (kind === 'List' || kind.endsWith('List')) {
    const items = object.items;
    if (!Array.isArray(items)) {
      into.errors.push(located(file, line, `${kind} has no items array`));
      return;
    }
    for (const item of items) collect(item, file, line, into);
    return;
  }
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata.name !== 'string' || metadata.name === '') {
    into.errors.push(located(file, line, `${kind} has no metadata.name`));
    return;
  }
  if (!isKnownKind(kind)) {
    into.ignoredKinds[kind] = (into.ignoredKinds[kind] ?? 0) + 1;
    return;
  }
  into.objects.push(object as unknown as KubeObject);
}

function located(file: string, line: number | undefined, message: string): ManifestError {
  const error: ManifestError = { file, message: line ? `line ${line}: ${message}` : message };
  if (line) error.line = line;
  return error;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
