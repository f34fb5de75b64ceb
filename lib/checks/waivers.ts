/**
 * Waivers: a team accepting one check's finding on purpose, with a reason, an approver and an
 * expiry date. They are written as annotations (on the object, or on its Namespace for the
 * whole namespace) or as entries in the configuration file, and applied to checklist items
 * after the checks ran. A waived finding stays visible; an expired waiver no longer waives;
 * a waiver that cannot be trusted (no reason, bad date, unknown check) is rejected and listed.
 * Pure: the clock is a parameter.
 */
import type { Inventory, NamespaceInventory } from '../inventory';
import { isDns1123Label, type KubeObject } from '../k8s/objects';
import { hasController } from '../k8s/semantics';
import type { ChecklistItem, ItemFinding, ObjectFinding, WaiverNote } from './types';

/** `waiver.shipshape.dev/<check-id>` on an object waives that check for the object; on a Namespace, for all of it. */
export const WAIVER_ANNOTATION_PREFIX = 'waiver.shipshape.dev/';

/** The annotation fields, in the order the documentation writes them. */
export const WAIVER_ANNOTATION_FIELDS = ['reason', 'approved-by', 'expires'] as const;

type AnnotationField = (typeof WAIVER_ANNOTATION_FIELDS)[number];

/** Long enough for a real justification, short enough to keep a page readable. */
export const MAX_REASON_LENGTH = 500;
export const MAX_APPROVER_LENGTH = 120;
/** An annotation value longer than this is not a waiver someone wrote by hand. */
const MAX_ANNOTATION_LENGTH = 2000;

export interface WaiverTarget {
  kind: string;
  name: string;
  /** Unset for a cluster-scoped object. */
  namespace?: string;
}

/** A waiver that passed validation. Whether it is still in force depends on the clock. */
export interface Waiver {
  checkId: string;
  /** The namespace whose report it applies to; unset for a waiver on a cluster-scoped object (it applies wherever that object is graded). */
  namespace?: string;
  /** The object it waives; unset for the whole namespace. */
  object?: WaiverTarget;
  reason: string;
  approvedBy: string;
  /** The last day the waiver holds, as an ISO date (UTC). */
  expires: string;
  /** Where it is written, for people. */
  source: string;
}

/** A waiver that was not accepted, with everything wrong with it. */
export interface RejectedWaiver {
  /** The namespace it was written in or names, when known. */
  namespace?: string;
  /** The check it names, when it names a known one. */
  checkId?: string;
  source: string;
  problems: string[];
  /** One sentence for the page: the source and what is wrong. */
  message: string;
}

export interface CollectedWaivers {
  waivers: Waiver[];
  rejected: RejectedWaiver[];
}

/** Raw waiver fields, before validation, as an annotation or a configuration entry gave them. */
interface WaiverFields {
  checkId: string | undefined;
  reason: unknown;
  approvedBy: unknown;
  expires: unknown;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Control characters (other than whitespace), zero-width and bidirectional overrides: text that
// hides or reorders what a reviewer reads has no place in a risk acceptance.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const HIDDEN_CHARACTERS_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Cluster text made safe to quote in a message: control and invisible characters escaped,
 * length capped. (Pages escape markup anyway; this is for terminals and logs.)
 */
export function quoteText(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `“${cut.replace(HIDDEN_CHARACTERS_GLOBAL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}”`;
}

/** The candidate closest to a misspelt word, if one is close enough to be what was meant. */
export function suggestion(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}

/** Why a check id is not one Shipshape knows, with a likely correction. */
export function unknownCheckProblem(checkId: string, knownCheckIds: ReadonlySet<string>): string {
  const guess = suggestion(checkId, knownCheckIds);
  return `unknown check id ${quoteText(checkId)}${guess ? ` (did you mean ${guess}?)` : ''}`;
}

/** Why a field name is not one of `allowed`, with a likely correction. */
function unknownFieldProblem(name: string, allowed: readonly string[]): string {
  const guess = suggestion(name, allowed);
  return `unknown field ${quoteText(name, 40)}${guess ? ` (did you mean ${guess}?)` : ''}`;
}

/** Is `value` a real calendar date written YYYY-MM-DD? */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A waiver holds through its expiry day (UTC) and lapses at the midnight that ends it. */
export function isWaiverExpired(expires: string, now: Date): boolean {
  const [year, month, day] = expires.split('-').map(Number);
  return now.getTime() >= Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + 1);
}

/** Normalise free text (runs of whitespace, line breaks included, become one space) and say what is wrong with it. */
function textField(value: unknown, field: string, max: number, problems: string[]): string | undefined {
  if (value === undefined || value === null) {
    problems.push(`no ${field}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push(`${field} is not text`);
    return undefined;
  }
  if (HIDDEN_CHARACTERS.test(value)) {
    problems.push(`${field} contains control or invisible characters`);
    return undefined;
  }
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') {
    problems.push(`${field} is empty`);
    return undefined;
  }
  if (text.length > max) {
    problems.push(`${field} is longer than ${max} characters`);
    return undefined;
  }
  return text;
}

/** Validate the fields every waiver has, whatever its source. */
function validateFields(
  fields: WaiverFields,
  names: { reason: string; approvedBy: string; expires: string },
  knownCheckIds: ReadonlySet<string>,
  problems: string[],
): Omit<Waiver, 'namespace' | 'object' | 'source'> | undefined {
  let checkId: string | undefined;
  if (fields.checkId === undefined || fields.checkId === '') problems.push('no check id');
  else if (!knownCheckIds.has(fields.checkId)) problems.push(unknownCheckProblem(fields.checkId, knownCheckIds));
  else checkId = fields.checkId;
  const reason = textField(fields.reason, names.reason, MAX_REASON_LENGTH, problems);
  const approvedBy = textField(fields.approvedBy, names.approvedBy, MAX_APPROVER_LENGTH, problems);
  let expires: string | undefined;
  if (fields.expires === undefined || fields.expires === null) problems.push(`no ${names.expires} date`);
  else if (typeof fields.expires !== 'string' || !isIsoDate(fields.expires.trim()))
    problems.push(`${names.expires} must be a date written YYYY-MM-DD, not ${quoteText(String(fields.expires), 40)}`);
  else expires = fields.expires.trim();
  if (!checkId || !reason || !approvedBy || !expires) return undefined;
  return { checkId, reason, approvedBy, expires };
}

function rejection(source: string, problems: string[], details: { namespace?: string | undefined; checkId?: string | undefined }) {
  const rejected: RejectedWaiver = { source, problems, message: `${source} is rejected: ${problems.join('; ')}.` };
  if (details.namespace) rejected.namespace = details.namespace;
  if (details.checkId) rejected.checkId = details.checkId;
  return rejected;
}

/**
 * Parse an annotation value: `field=value` pairs separated by `;` or line breaks, e.g.
 * `reason="needs the host network"; approved-by=jane@example.com; expires=2027-03-31`.
 * A value is either bare (no `;`, `"` or line break; trimmed) or double-quoted, where `\"`
 * and `\\` stand for a quote and a backslash. Unknown, repeated or malformed fields are problems.
 */
export function parseWaiverAnnotation(value: string): { fields: Partial<Record<AnnotationField, string>>; problems: string[] } {
  const fields: Partial<Record<AnnotationField, string>> = {};
  const problems: string[] = [];
  if (value.length > MAX_ANNOTATION_LENGTH) return { fields, problems: [`the value is longer than ${MAX_ANNOTATION_LENGTH} characters`] };
  let index = 0;
  const atSeparator = () => value[index] === ';' || value[index] === '\n' || value[index] === '\r';
  const skipSpaces = () => {
    while (index < value.length && (value[index] === ' ' || value[index] === '\t')) index += 1;
  };
  const skipToNextField = () => {
    while (index < value.length && !atSeparator()) index += 1;
  };
  while (index < value.length) {
    skipSpaces();
    if (index >= value.length) break;
    if (atSeparator()) {
      index += 1;
      continue;
    }
    const nameStart = index;
    while (index < value.length && value[index] !== '=' && !atSeparator()) index += 1;
    const name = value.slice(nameStart, index).trim();
    if (value[index] !== '=') {
      problems.push(`${quoteText(name, 40)} is not a field=value pair`);
      continue;
    }
    index += 1;
    skipSpaces();
    let fieldValue: string;
    if (value[index] === '"') {
      index += 1;
      let text = '';
      let closed = false;
      let badEscape = false;
      while (index < value.length) {
        const char = value[index] as string;
        if (char === '"') {
          closed = true;
          index += 1;
          break;
        }
        if (char === '\\') {
          const next = value[index + 1];
          if (next === '"' || next === '\\') text += next;
          else badEscape = true;
          index += 2;
          continue;
        }
        text += char;
        index += 1;
      }
      if (!closed) {
        problems.push(`the quoted ${quoteText(name, 40)} value has no closing quote`);
        break;
      }
      if (badEscape) problems.push(`the quoted ${quoteText(name, 40)} value uses a backslash other than \\" or \\\\`);
      skipSpaces();
      if (index < value.length && !atSeparator()) {
        problems.push(`unexpected text after the quoted ${quoteText(name, 40)} value (separate fields with ;)`);
        skipToNextField();
      }
      fieldValue = text;
    } else {
      const start = index;
      skipToNextField();
      fieldValue = value.slice(start, index).trim();
      if (fieldValue.includes('"')) {
        problems.push(`the ${quoteText(name, 40)} value has a stray quote (quote the whole value: ${name}="…")`);
        continue;
      }
    }
    if (!(WAIVER_ANNOTATION_FIELDS as readonly string[]).includes(name)) {
      problems.push(unknownFieldProblem(name, WAIVER_ANNOTATION_FIELDS));
      continue;
    }
    const field = name as AnnotationField;
    if (fields[field] !== undefined) {
      problems.push(`${field} is given twice`);
      continue;
    }
    fields[field] = fieldValue;
  }
  return { fields, problems };
}

function describeObject(object: KubeObject): string {
  const namespace = object.metadata.namespace;
  return object.kind === 'Namespace' || !namespace
    ? `${object.kind} ${quoteText(object.metadata.name, 63)}`
    : `${object.kind} ${quoteText(`${namespace}/${object.metadata.name}`, 127)}`;
}

/** Waivers written as annotations on one object; on a Namespace they cover the whole namespace. */
export function waiversFromAnnotations(object: KubeObject, knownCheckIds: ReadonlySet<string>): CollectedWaivers {
  const collected: CollectedWaivers = { waivers: [], rejected: [] };
  const annotations = object.metadata.annotations;
  if (!annotations || typeof annotations !== 'object') return collected;
  const isNamespace = object.kind === 'Namespace';
  const namespace = isNamespace ? object.metadata.name : object.metadata.namespace;
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(WAIVER_ANNOTATION_PREFIX)) continue;
    const checkId = key.slice(WAIVER_ANNOTATION_PREFIX.length);
    const source = `annotation ${quoteText(key, 100)} on ${describeObject(object)}`;
    const problems: string[] = [];
    let parsed: ReturnType<typeof parseWaiverAnnotation> = { fields: {}, problems: [] };
    if (typeof value !== 'string') problems.push('the value is not text');
    else parsed = parseWaiverAnnotation(value);
    problems.push(...parsed.problems);
    const valid = validateFields(
      { checkId, reason: parsed.fields.reason, approvedBy: parsed.fields['approved-by'], expires: parsed.fields.expires },
      { reason: 'reason', approvedBy: 'approved-by', expires: 'expires' },
      knownCheckIds,
      problems,
    );
    const knownId = knownCheckIds.has(checkId) ? checkId : undefined;
    if (!valid || problems.length > 0) {
      collected.rejected.push(rejection(source, problems, { namespace, checkId: knownId }));
      continue;
    }
    const waiver: Waiver = { ...valid, source };
    if (namespace) waiver.namespace = namespace;
    if (!isNamespace) {
      waiver.object = { kind: object.kind, name: object.metadata.name };
      if (object.metadata.namespace) waiver.object.namespace = object.metadata.namespace;
    }
    collected.waivers.push(waiver);
  }
  return collected;
}

/** Every annotation waiver written in one namespace: on the Namespace and on the objects in it. */
export function namespaceAnnotationWaivers(namespace: NamespaceInventory, knownCheckIds: ReadonlySet<string>): CollectedWaivers {
  const collected: CollectedWaivers = { waivers: [], rejected: [] };
  const objects = [...(namespace.namespaceObject ? [namespace.namespaceObject] : []), ...[...namespace.byKind.values()].flat()];
  for (const object of objects) {
    // Objects a controller made carry copies of their owner's annotations (a ReplicaSet its Deployment's): read the owner only.
    if (hasController(object)) continue;
    const found = waiversFromAnnotations(object, knownCheckIds);
    collected.waivers.push(...found.waivers);
    collected.rejected.push(...found.rejected);
  }
  return collected;
}

/** Annotation waivers on cluster-scoped objects (a ClusterRoleBinding, say), which apply wherever the object is graded. */
export function clusterAnnotationWaivers(inventory: Inventory, knownCheckIds: ReadonlySet<string>): CollectedWaivers {
  const collected: CollectedWaivers = { waivers: [], rejected: [] };
  for (const [kind, objects] of inventory.clusterScoped) {
    if (kind === 'Namespace') continue;
    for (const object of objects) {
      if (hasController(object)) continue;
      const found = waiversFromAnnotations(object, knownCheckIds);
      collected.waivers.push(...found.waivers);
      collected.rejected.push(...found.rejected);
    }
  }
  return collected;
}

/** The fields a waiver entry of the configuration file may have. */
export const CONFIG_WAIVER_FIELDS = ['check', 'namespace', 'object', 'reason', 'approvedBy', 'expires'] as const;

const OBJECT_KIND = /^[A-Z][A-Za-z0-9]{0,62}$/;
const OBJECT_NAME = /^[^\s/]{1,253}$/;

/**
 * One `waivers[i]` entry of the configuration file:
 * `{ check, namespace, object?: "Kind/name", reason, approvedBy, expires }`.
 * Any problem rejects the entry (it is listed, never silently dropped); the rest of the file still applies.
 */
export function waiverFromConfigEntry(
  entry: unknown,
  source: string,
  knownCheckIds: ReadonlySet<string>,
): { waiver: Waiver; rejected?: undefined } | { waiver?: undefined; rejected: RejectedWaiver } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return { rejected: rejection(source, ['expected a mapping with check, namespace, reason, approvedBy and expires'], {}) };
  }
  const record = entry as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!(CONFIG_WAIVER_FIELDS as readonly string[]).includes(key)) problems.push(unknownFieldProblem(key, CONFIG_WAIVER_FIELDS));
  }
  let namespace: string | undefined;
  if (record.namespace === undefined) problems.push('no namespace');
  else if (typeof record.namespace !== 'string' || !isDns1123Label(record.namespace))
    problems.push(`namespace ${quoteText(String(record.namespace), 63)} is not a namespace name`);
  else namespace = record.namespace;
  let object: WaiverTarget | undefined;
  if (record.object !== undefined) {
    const [kind, name, ...rest] = typeof record.object === 'string' ? record.object.split('/') : [];
    if (kind && name && rest.length === 0 && OBJECT_KIND.test(kind) && OBJECT_NAME.test(name)) object = { kind, name };
    else problems.push(`object must be written Kind/name (e.g. Deployment/api), not ${quoteText(String(record.object), 60)}`);
  }
  const checkId = record.check === undefined || record.check === null ? undefined : String(record.check);
  const valid = validateFields(
    { checkId, reason: record.reason, approvedBy: record.approvedBy, expires: record.expires },
    { reason: 'reason', approvedBy: 'approvedBy', expires: 'expires' },
    knownCheckIds,
    problems,
  );
  const where = object && namespace ? `${source} (${object.kind} ${namespace}/${object.name})` : source;
  if (!valid || problems.length > 0) {
    return { rejected: rejection(where, problems, { namespace, checkId: checkId && knownCheckIds.has(checkId) ? checkId : undefined }) };
  }
  const waiver: Waiver = { ...valid, namespace: namespace as string, source: where };
  if (object) waiver.object = { ...object, namespace: namespace as string };
  return { waiver };
}

/**
 * Does a waiver of the finding's check cover this finding? A namespace-wide waiver covers every
 * object; an object waiver covers that object (kind and name, and namespace unless either is cluster-scoped).
 */
function covers(waiver: Waiver, finding: Pick<ObjectFinding, 'object'>): boolean {
  if (!waiver.object) return true;
  const { object } = finding;
  if (object.kind !== waiver.object.kind || object.name !== waiver.object.name) return false;
  return object.namespace === undefined || waiver.object.namespace === undefined || object.namespace === waiver.object.namespace;
}

function noteOf(waiver: Waiver, state: WaiverNote['state']): WaiverNote {
  return { state, reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires, source: waiver.source };
}

/** Object waivers before namespace ones (the nearer decision wins), then the one that lasts longest. */
function byPrecedence(a: Waiver, b: Waiver): number {
  return Number(b.object !== undefined) - Number(a.object !== undefined) || b.expires.localeCompare(a.expires);
}

const FINDING_RANK: Record<ItemFinding['status'], number> = { fail: 0, warn: 1, waived: 2, pass: 3 };

/**
 * Apply waivers to one checklist item. Failing and warning findings covered by a waiver in
 * force become `waived` (keeping their object and message); findings covered only by expired
 * waivers keep their status and carry the expired waiver, so the page can say so. The item is
 * `waived` when every finding that is not a pass is waived; waived objects count toward neither
 * side of the item's credit.
 */
export function applyWaivers(item: ChecklistItem, waivers: readonly Waiver[], now: Date): ChecklistItem {
  if (item.status !== 'fail' && item.status !== 'warn') return item;
  const relevant = waivers.filter((waiver) => waiver.checkId === item.checkId);
  if (relevant.length === 0) return item;
  const counts = { pass: 0, warn: 0, fail: 0, waived: 0 };
  const findings = item.findings.map((finding): ItemFinding => {
    if (finding.status !== 'fail' && finding.status !== 'warn') {
      counts[finding.status] += 1;
      return finding;
    }
    const matching = relevant.filter((waiver) => covers(waiver, finding)).sort(byPrecedence);
    const active = matching.find((waiver) => !isWaiverExpired(waiver.expires, now));
    if (active) {
      counts.waived += 1;
      return { ...finding, status: 'waived', waivedStatus: finding.status, waiver: noteOf(active, 'active') };
    }
    counts[finding.status] += 1;
    const expired = matching[0];
    return expired ? { ...finding, waiver: noteOf(expired, 'expired') } : finding;
  });
  if (counts.waived === 0 && findings.every((finding, index) => finding === item.findings[index])) return item;
  const status = counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : counts.waived > 0 ? 'waived' : 'pass';
  findings.sort((a, b) => FINDING_RANK[a.status] - FINDING_RANK[b.status]);
  return { ...item, status, findings, counts };
}

/** One sentence about a waiver, for pages and the CLI. */
export function describeWaiverNote(note: WaiverNote): string {
  return note.state === 'active'
    ? `Waived until ${note.expires}, approved by ${note.approvedBy}: ${note.reason}`
    : `Waiver expired on ${note.expires} (approved by ${note.approvedBy}: ${note.reason}); the finding counts again.`;
}
