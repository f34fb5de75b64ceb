/**
 * Waivers written as annotations: `waiver.shipshape.dev/<check-id>` on an object waives that
 * check for the object, on a Namespace for the whole namespace. The value is a small
 * `field=value; …` language, read here by hand because a YAML flow map would change the format.
 */
import { z } from 'zod';
import type { Inventory, NamespaceInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { hasController } from '../../k8s/semantics';
import { quoteText } from '../../text';
import {
  type CollectedWaivers,
  checkIdField,
  expiryField,
  freeTextField,
  MAX_APPROVER_LENGTH,
  MAX_REASON_LENGTH,
  perCheckIdSet,
  rejection,
  unknownFieldProblem,
  type Waiver,
} from './validate';

/** `waiver.shipshape.dev/<check-id>` on an object waives that check for the object; on a Namespace, for all of it. */
export const WAIVER_ANNOTATION_PREFIX = 'waiver.shipshape.dev/';

/** The annotation fields, in the order the documentation writes them. */
export const WAIVER_ANNOTATION_FIELDS = ['reason', 'approved-by', 'expires'] as const;

type AnnotationField = (typeof WAIVER_ANNOTATION_FIELDS)[number];

/** An annotation value longer than this is not a waiver someone wrote by hand. */
const MAX_ANNOTATION_LENGTH = 2000;

/** The fields of an annotation waiver once read, named as the annotation names them (so messages do too). */
const annotationWaiverSchema = perCheckIdSet((knownCheckIds) =>
  z.object({
    check: checkIdField(knownCheckIds),
    reason: freeTextField('reason', MAX_REASON_LENGTH),
    'approved-by': freeTextField('approved-by', MAX_APPROVER_LENGTH),
    expires: expiryField('expires'),
  }),
);

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
  const schema = annotationWaiverSchema(knownCheckIds);
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(WAIVER_ANNOTATION_PREFIX)) continue;
    const checkId = key.slice(WAIVER_ANNOTATION_PREFIX.length);
    const source = `annotation ${quoteText(key, 100)} on ${describeObject(object)}`;
    const parsed: ReturnType<typeof parseWaiverAnnotation> =
      typeof value === 'string' ? parseWaiverAnnotation(value) : { fields: {}, problems: ['the value is not text'] };
    const valid = schema.safeParse({ check: checkId, ...parsed.fields });
    const problems = [...parsed.problems, ...(valid.success ? [] : valid.error.issues.map((issue) => issue.message))];
    if (!valid.success || problems.length > 0) {
      const knownId = knownCheckIds.has(checkId) ? checkId : undefined;
      collected.rejected.push(rejection(source, problems, { namespace, checkId: knownId }));
      continue;
    }
    const { check, reason, 'approved-by': approvedBy, expires } = valid.data;
    const waiver: Waiver = { checkId: check, reason, approvedBy, expires, source };
    if (namespace) waiver.namespace = namespace;
    if (!isNamespace) {
      waiver.object = { kind: object.kind, name: object.metadata.name };
      if (object.metadata.namespace) waiver.object.namespace = object.metadata.namespace;
    }
    collected.waivers.push(waiver);
  }
  return collected;
}

/** The annotation waivers of `objects`, reading only owners: objects a controller made carry copies of their owner's annotations (a ReplicaSet its Deployment's). */
function collectFrom(objects: Iterable<KubeObject>, knownCheckIds: ReadonlySet<string>): CollectedWaivers {
  const collected: CollectedWaivers = { waivers: [], rejected: [] };
  for (const object of objects) {
    if (hasController(object)) continue;
    const found = waiversFromAnnotations(object, knownCheckIds);
    collected.waivers.push(...found.waivers);
    collected.rejected.push(...found.rejected);
  }
  return collected;
}

/** Every annotation waiver written in one namespace: on the Namespace and on the objects in it. */
export function namespaceAnnotationWaivers(namespace: NamespaceInventory, knownCheckIds: ReadonlySet<string>): CollectedWaivers {
  const objects = [...(namespace.namespaceObject ? [namespace.namespaceObject] : []), ...[...namespace.byKind.values()].flat()];
  return collectFrom(objects, knownCheckIds);
}

/** Annotation waivers on cluster-scoped objects (a ClusterRoleBinding, say), which apply wherever the object is graded. */
export function clusterAnnotationWaivers(inventory: Inventory, knownCheckIds: ReadonlySet<string>): CollectedWaivers {
  const objects = [...inventory.clusterScoped].filter(([kind]) => kind !== 'Namespace').flatMap(([, list]) => list);
  return collectFrom(objects, knownCheckIds);
}
