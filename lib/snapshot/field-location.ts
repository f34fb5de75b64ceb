/**
 * Where a field of an object is written in its manifest: `spec.template.spec.containers[0].securityContext`
 * → the line and column of that key, so code scanning can underline the offending field rather
 * than the object's first line. Pure: the file's text in, a position out. It re-reads the YAML's
 * node ranges (the parse that admitted the objects keeps only where each document starts).
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';

export interface FilePosition {
  line: number;
  column: number;
}

/**
 * `a.b[0].c["app.kubernetes.io/name"]` → ['a', 'b', 0, 'c', 'app.kubernetes.io/name']: keys with
 * dots or brackets are written as JSON strings in brackets. Undefined for anything else (the
 * checks build these paths, but they are read defensively).
 */
export function fieldSegments(field: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  const token = /(?:^|\.)([A-Za-z0-9_$/-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < field.length) {
    token.lastIndex = at;
    const match = token.exec(field);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3] as string) as string);
    at = token.lastIndex;
  }
  return segments.length > 0 ? segments : undefined;
}

/** Alias expansion is not followed: a field reached through an alias is located at the object. */
function child(node: unknown, segment: string | number): { node: unknown; at: number | undefined } | undefined {
  if (typeof segment === 'number') {
    if (!isSeq(node)) return undefined;
    const item = node.items[segment] as Node | undefined;
    return item === undefined ? undefined : { node: item, at: item.range?.[0] };
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === segment) return { node: pair.value, at: pair.key.range?.[0] };
  }
  return undefined;
}

/** One file's documents, parsed once for every field located in it. */
export class FieldLocator {
  private readonly documents: ReturnType<typeof parseAllDocuments>;
  private readonly lines = new LineCounter();

  constructor(text: string) {
    const documents = parseAllDocuments(text, { lineCounter: this.lines, logLevel: 'silent', prettyErrors: false });
    this.documents = Array.isArray(documents) ? documents : [];
  }

  /**
   * The position of `field` in the object whose document starts at `objectAt`, or of the deepest
   * part of it the file writes (the container, when it sets no securityContext); undefined when
   * the document is not that single object (a `kind: List`) or writes no part of the field.
   */
  locate(objectAt: FilePosition, field: string): FilePosition | undefined {
    const segments = fieldSegments(field);
    if (!segments || segments.length === 0) return undefined;
    const document = this.documents.find((candidate) => {
      const start = candidate.contents?.range?.[0];
      if (start === undefined) return false;
      const position = this.lines.linePos(start);
      return position.line === objectAt.line && position.col === objectAt.column;
    });
    if (!document || document.errors.length > 0) return undefined;
    const kind = document.get('kind');
    if (typeof kind !== 'string' || kind === 'List' || kind.endsWith('List')) return undefined;
    let node: unknown = document.contents;
    let at: number | undefined;
    for (const segment of segments) {
      const next = child(node, segment);
      if (!next) break;
      node = next.node;
      at = next.at;
    }
    if (at === undefined) return undefined;
    const position = this.lines.linePos(at);
    return { line: position.line, column: position.col };
  }
}
