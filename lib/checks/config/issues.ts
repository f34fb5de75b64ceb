/**
 * zod's issues turned into the problems Shipshape reports: one per cause, each with its path.
 * zod reports all unknown keys of a mapping as one issue, after the mapping's other issues; a
 * person reads them better one key at a time and first (a misspelt key often explains the
 * errors below it), with a guess at what was meant.
 */
import { z } from 'zod';

export type IssuePath = readonly PropertyKey[];

export interface SchemaProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * The problems in `issues` (from parsing with `schema`), in the order zod found them except that
 * each mapping's unknown keys come before the mapping's other problems. `unknownField` words the
 * problem of one unknown key, given the keys the mapping allows.
 */
export function schemaProblems(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  unknownField: (key: string, allowed: readonly string[]) => string,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      problems.push({ path: [...issue.path], message: issue.message });
      continue;
    }
    // Outside a mapping of fields (a record, say), the issue was raised with its own message.
    const allowed = fieldsAt(schema, issue.path);
    const unknown = issue.keys.map((key) => ({
      path: [...issue.path, key],
      message: allowed ? unknownField(key, allowed) : issue.message,
    }));
    // zod reports the unknown keys after everything inside the mapping: put them before it.
    const inside = problems.findIndex((problem) => isInside(problem.path, issue.path));
    problems.splice(inside === -1 ? problems.length : inside, 0, ...unknown);
  }
  return problems;
}

function isInside(path: IssuePath, parent: IssuePath): boolean {
  return path.length > parent.length && parent.every((segment, index) => path[index] === segment);
}

/** The keys the mapping at `path` of `schema` allows; undefined when what is there is not a mapping of fields. */
function fieldsAt(schema: z.ZodType, path: IssuePath): string[] | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) current = (current.shape as Record<PropertyKey, z.ZodType>)[segment];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
    if (!current) return undefined;
    current = unwrap(current);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
}

/** The schema that does the work inside optional, default and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = (current.in instanceof z.ZodTransform ? current.out : current.in) as z.ZodType;
    else return current;
  }
}
