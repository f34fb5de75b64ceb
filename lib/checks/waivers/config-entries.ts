/**
 * Waivers written as entries of the configuration file's `waivers` list:
 * `{ check, namespace, object?: "Kind/name", reason, approvedBy, expires }`. Each entry is
 * validated on its own: any problem rejects the entry (it is listed, never silently dropped) and
 * the rest of the file still applies.
 */
import { z } from 'zod';
import { isDns1123Label } from '../../k8s/objects';
import { quoteText } from '../../text';
import { schemaProblems } from '../config/issues';
import {
  checkIdField,
  expiryField,
  freeTextField,
  MAX_APPROVER_LENGTH,
  MAX_REASON_LENGTH,
  perCheckIdSet,
  type RejectedWaiver,
  rejection,
  unknownFieldProblem,
  type Waiver,
} from './validate';

/** `Kind/name`: a kind as Kubernetes spells them, and a name with no space or slash. */
const OBJECT_REFERENCE = /^([A-Z][A-Za-z0-9]{0,62})\/([^\s/]{1,253})$/;

/**
 * The schema of one entry. The order of the fields is the order its problems are listed in.
 * The file's text is quoted only through quoteText, escaped and cut short, and only in a
 * rejection: the entry is the user's own risk acceptance, shown back to them.
 */
export const configWaiverEntrySchema = perCheckIdSet((knownCheckIds) =>
  z.strictObject(
    {
      namespace: z
        .string({
          error: (issue) =>
            issue.input === undefined ? 'no namespace' : `namespace ${quoteText(String(issue.input), 63)} is not a namespace name`,
        })
        .refine(isDns1123Label, { error: (issue) => `namespace ${quoteText(String(issue.input), 63)} is not a namespace name` })
        .describe('The namespace the waiver applies to.'),
      object: z
        .string({ error: (issue) => objectProblem(issue.input) })
        .regex(OBJECT_REFERENCE, { error: (issue) => objectProblem(issue.input) })
        .transform((text) => {
          const [, kind = '', name = ''] = OBJECT_REFERENCE.exec(text) ?? [];
          return { kind, name };
        })
        .optional()
        .describe('The one object waived, written Kind/name (Deployment/api); without it, the whole namespace.'),
      check: checkIdField(knownCheckIds).describe('The id of the check whose finding is accepted.'),
      reason: freeTextField('reason', MAX_REASON_LENGTH).describe('Why the risk is accepted.'),
      approvedBy: freeTextField('approvedBy', MAX_APPROVER_LENGTH).describe('Who approved it.'),
      expires: expiryField('expires').describe('The last day the waiver holds, YYYY-MM-DD (UTC).'),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'expected a mapping with check, namespace, reason, approvedBy and expires' : undefined,
    },
  ),
);

function objectProblem(input: unknown): string {
  return `object must be written Kind/name (e.g. Deployment/api), not ${quoteText(String(input), 60)}`;
}

/** One `waivers[i]` entry of the configuration file, as a waiver or as a rejection naming the entry and each problem. */
export function waiverFromConfigEntry(
  entry: unknown,
  source: string,
  knownCheckIds: ReadonlySet<string>,
): { waiver: Waiver; rejected?: undefined } | { waiver?: undefined; rejected: RejectedWaiver } {
  const schema = configWaiverEntrySchema(knownCheckIds);
  const parsed = schema.safeParse(entry);
  if (parsed.success) {
    const { check, namespace, object, reason, approvedBy, expires } = parsed.data;
    const where = object ? `${source} (${object.kind} ${namespace}/${object.name})` : source;
    const waiver: Waiver = { checkId: check, namespace, reason, approvedBy, expires, source: where };
    if (object) waiver.object = { ...object, namespace };
    return { waiver };
  }
  const problems = schemaProblems(schema, parsed.error.issues, unknownFieldProblem).map((problem) => problem.message);
  // Name the object in the source when the entry names it clearly, so the page can say which.
  const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
  const namespace = typeof record.namespace === 'string' && isDns1123Label(record.namespace) ? record.namespace : undefined;
  const object = schema.shape.object.safeParse(record.object);
  const where = object.success && object.data && namespace ? `${source} (${object.data.kind} ${namespace}/${object.data.name})` : source;
  const checkId = typeof record.check === 'string' && knownCheckIds.has(record.check) ? record.check : undefined;
  return { rejected: rejection(where, problems, { namespace, checkId }) };
}
