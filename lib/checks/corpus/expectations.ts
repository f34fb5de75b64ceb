/**
 * The corpus's hand-written expectations (`expected.yaml` beside this file): their schema, and
 * the messages that say what to write when an entry and the catalog disagree. Pure: the test
 * reads the file and hands over its text.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Grade, Verdict } from '../scoring';

export type FlaggedStatus = 'warn' | 'fail';

/** A check's result as the corpus compares it: its status and every object flagged (`Kind/name`) with its status. */
export interface CheckResult {
  status: 'pass' | 'warn' | 'fail' | 'not-evaluated';
  flagged: Record<string, FlaggedStatus>;
}

const PLACEHOLDER = /^TODO\b/;

const reason = z
  .string()
  .trim()
  .min(1, 'say why: the manifest line, or its absence, that decides it')
  .refine((text) => !PLACEHOLDER.test(text), 'replace the TODO with why: the manifest line, or its absence, that decides it');

const objectRef = z.string().regex(/^[A-Za-z]+\/\S+$/, 'name an object as Kind/name, e.g. Deployment/web');

const checkExpectation = z
  .strictObject({
    status: z.enum(['pass', 'warn', 'fail', 'not-evaluated']),
    fail: z.array(objectRef).min(1).optional(),
    warn: z.array(objectRef).min(1).optional(),
    reason,
  })
  .superRefine((value, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if ((value.status === 'pass' || value.status === 'not-evaluated') && (value.fail || value.warn)) {
      issue(value.fail ? 'fail' : 'warn', `a check that is ${value.status} flags no object: remove the list`);
    }
    if (value.status === 'warn' && value.fail)
      issue('fail', 'a check that warns has no failing object: make it fail, or move them to warn');
    if (value.status === 'warn' && !value.warn) issue('status', 'a check that warns lists the objects that warn (warn: [Kind/name, …])');
    if (value.status === 'fail' && !value.fail) issue('status', 'a check that fails lists the objects that fail (fail: [Kind/name, …])');
    for (const object of value.fail ?? []) {
      if (value.warn?.includes(object)) issue('warn', `${object} is listed under both fail and warn: keep it under one`);
    }
  });

const GRADES = ['A', 'B', 'C', 'D', 'F'] as const satisfies readonly Grade[];
const VERDICTS = ['ready', 'ready-with-risks', 'incomplete', 'not-ready', 'not-graded'] as const satisfies readonly Verdict[];

const corpusEntry = z.strictObject({
  /** What the test is called: the file, or the folder of files graded together as one namespace. */
  name: z.string().min(1),
  /** The manifests, relative to the corpus folder, loaded together as one `kubectl apply` would. */
  files: z.array(z.string().min(1)).min(1),
  /** The namespace graded: where the manifests put their objects (`default` when they name none). */
  namespace: z.string().min(1),
  /** Kinds Shipshape does not read that the files hold (counted, not graded). */
  ignoredKinds: z.record(z.string(), z.int().positive()).optional(),
  grade: z.strictObject({
    score: z.number().min(0).max(100),
    grade: z.enum(GRADES),
    verdict: z.enum(VERDICTS),
    /** The blocking checks that fail, which decide a "not ready" verdict. */
    blocking: z.array(z.string().min(1)),
    reason,
  }),
  checks: z.record(z.string().regex(/^[a-z0-9-]+$/, 'a check id is kebab-case'), checkExpectation),
});

const corpusFile = z
  .array(corpusEntry)
  .min(1)
  .superRefine((entries, context) => {
    entries.forEach((entry, index) => {
      if (entries.findIndex((other) => other.name === entry.name) !== index) {
        context.addIssue({ code: 'custom', path: [index, 'name'], message: `another entry is already called ${entry.name}` });
      }
    });
  });

export type CorpusEntry = z.infer<typeof corpusEntry>;
export type CheckExpectation = z.infer<typeof checkExpectation>;

/**
 * The entries of `expected.yaml`, validated; a file that is not valid YAML or does not fit the
 * schema is one error listing every problem with its line.
 */
export function parseExpectations(text: string, fileName: string): CorpusEntry[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new Error(`${fileName} is not valid YAML:\n${document.errors.map((error) => error.message).join('\n')}`);
  }
  const parsed = corpusFile.safeParse(document.toJS());
  if (parsed.success) return parsed.data;

  const lineOf = (path: readonly PropertyKey[]) => {
    const last = path[path.length - 1];
    const parent = path.length <= 1 ? document.contents : document.getIn(path.slice(0, -1), true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last);
      if (isScalar(pair?.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
    }
    // A field that is missing has no line of its own: point at the mapping that lacks it.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return 1;
  };
  const problems = parsed.error.issues.map(
    (issue) => `${fileName}:${lineOf(issue.path)}: ${issue.path.map(String).join('.') || '(top)'}: ${issue.message}`,
  );
  throw new Error(`${fileName} does not fit its schema:\n${problems.join('\n')}`);
}

/** An expectation as the comparison reads it. */
export function resultOf(expectation: CheckExpectation): CheckResult {
  const flagged: Record<string, FlaggedStatus> = {};
  for (const object of expectation.warn ?? []) flagged[object] = 'warn';
  for (const object of expectation.fail ?? []) flagged[object] = 'fail';
  return { status: expectation.status, flagged };
}

/** An object reference as an item of a YAML flow list: quoted when a flow indicator or colon would split it. */
const flowScalar = (text: string) => (/[,:[\]{}#"'&*!|>%@`]/.test(text) ? JSON.stringify(text) : text);

/** The lines of `expected.yaml` for one check: what to paste under an entry's `checks:`. */
export function expectationLines(checkId: string, result: CheckResult): string[] {
  const listed = (status: FlaggedStatus) =>
    Object.entries(result.flagged)
      .filter(([, flagged]) => flagged === status)
      .map(([object]) => object);
  const fail = listed('fail').map(flowScalar);
  const warn = listed('warn').map(flowScalar);
  return [
    `    ${checkId}:`,
    `      status: ${result.status}`,
    ...(fail.length > 0 ? [`      fail: [${fail.join(', ')}]`] : []),
    ...(warn.length > 0 ? [`      warn: [${warn.join(', ')}]`] : []),
    '      reason: TODO the manifest line, or its absence, that decides it',
  ];
}

/**
 * What to change so that an entry holds an expectation for every check in the catalog and no
 * other: for a missing check, the lines to add and where (the status and objects shown are what
 * the check reports today, to be confirmed against the manifest and given a reason); for an
 * unknown id, that its block goes.
 */
export function coverageProblems(
  entry: Pick<CorpusEntry, 'name' | 'checks'>,
  catalogIds: readonly string[],
  reported: (checkId: string) => CheckResult,
): string[] {
  const problems: string[] = [];
  catalogIds.forEach((id, index) => {
    if (Object.hasOwn(entry.checks, id)) return;
    const previous = catalogIds.slice(0, index).findLast((candidate) => Object.hasOwn(entry.checks, candidate));
    const where = previous ? `after the ${previous} block` : 'first, under checks:';
    const lines = expectationLines(id, reported(id));
    problems.push(
      `entry ${entry.name} has no expectation for ${id}: add these lines ${where}` +
        ' (the status and objects are what the check reports today: confirm them against the manifest, then write the reason):\n' +
        lines.join('\n'),
    );
  });
  const known = new Set(catalogIds);
  for (const id of Object.keys(entry.checks)) {
    if (!known.has(id))
      problems.push(`entry ${entry.name} expects ${id}, which is no check in the catalog: remove its block (or fix the id)`);
  }
  return problems;
}
