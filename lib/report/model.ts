/**
 * One report, built once from a graded result, that every output renders (JSON, SARIF, JUnit,
 * Markdown, text): the same statuses, waivers, not-evaluated reasons and skipped namespaces in
 * each. Pure: the caller hands in what only it knows (the tool's version, where objects came
 * from, the clock), so the model can be built anywhere and tested with plain fixtures.
 *
 * The document's shape is a zod schema, so the shipped JSON Schema (schemas/report.schema.json,
 * `npm run report-schema`) and the TypeScript type cannot drift apart.
 */
import { z } from 'zod';
import { checkById } from '../checks/catalog';
import type { ClusterReport, NamespaceReport } from '../checks/evaluate';
import { fixCommand, fixYaml } from '../checks/fixes/render';
import { SCORE_FORMULA, VERDICT_LABELS, type Verdict } from '../checks/scoring';
import type { ObjectFix } from '../checks/types';
import type { ObjectRef } from '../k8s/objects';

/** Bumped when a field changes meaning or goes away; new optional fields keep the version. */
export const REPORT_SCHEMA_VERSION = 1;

const Status = z.enum(['pass', 'warn', 'fail', 'waived', 'not-evaluated']);
const VerdictSchema = z.enum(['ready', 'ready-with-risks', 'incomplete', 'not-ready', 'not-graded']);
const Severity = z.enum(['blocking', 'major', 'minor']);

const ObjectRefSchema = z.object({ kind: z.string(), name: z.string(), namespace: z.string().optional() });

const LocationSchema = z
  .object({ file: z.string(), line: z.number().int().min(1), column: z.number().int().min(1) })
  .meta({ description: 'Where the object is written, for input read from files: path relative to the folder given, 1-based.' });

const WaiverSchema = z.object({
  state: z.enum(['active', 'expired']),
  reason: z.string(),
  approvedBy: z.string(),
  expires: z.string().meta({ description: 'The last day the waiver holds (ISO date, UTC).' }),
  source: z.string(),
});

const FixSchema = z
  .object({
    type: z.enum(['patch', 'manifest']),
    note: z.string().meta({ description: 'What the fix does, and what to adjust before applying it.' }),
    command: z.string().optional().meta({
      description:
        'The kubectl line that applies it, for a POSIX shell (every name single-quoted). Absent for a patch the API server refuses on a live object (a Pod’s spec): make that change in the manifest.',
    }),
    yaml: z.string().meta({ description: 'The patch (as the fragment of the object it changes) or the manifest, as YAML.' }),
    target: ObjectRefSchema.optional().meta({
      description: 'The object a patch changes (the finding’s object, or the one that owns the setting).',
    }),
    patchType: z.enum(['strategic', 'merge', 'json']).optional(),
    inPlace: z.boolean().optional(),
    content: z.json().meta({ description: 'The patch (type patch) or the object to create (type manifest), as JSON.' }),
  })
  .meta({ description: 'The fix for this object, with its real names (namespace, workload, containers).' });

const FindingSchema = z.object({
  object: ObjectRefSchema,
  status: z.enum(['pass', 'warn', 'fail', 'waived']),
  waivedStatus: z
    .enum(['warn', 'fail'])
    .optional()
    .meta({ description: 'For a waived finding, the status it would have without the waiver.' }),
  message: z.string(),
  owner: ObjectRefSchema.optional(),
  waiver: WaiverSchema.optional(),
  location: LocationSchema.optional(),
  fix: FixSchema.optional(),
  field: z
    .string()
    .optional()
    .meta({ description: 'The offending field, as a path into the object: spec.template.spec.containers[0].securityContext.' }),
  fieldLocation: LocationSchema.optional().meta({ description: 'Where the offending field is written, for input read from files.' }),
});

const CheckResultSchema = z.object({
  checkId: z.string(),
  title: z.string(),
  principle: z.string(),
  severity: Severity,
  status: Status,
  observed: z.boolean().meta({ description: 'A live-state check: shown beside the grade, not part of it.' }),
  reason: z.enum(['forbidden', 'not-applicable', 'unavailable', 'disabled', 'internal-error']).optional(),
  reasonDetail: z.string().optional(),
  counts: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), waived: z.number() }),
  findings: z.array(FindingSchema),
});

const SignOffSchema = z
  .object({
    review: z.string().meta({ description: 'The review object: review-0001, review-0002, …' }),
    verdict: z.enum(['ready', 'ready-with-accepted-risks', 'not-ready']),
    signedAt: z.string(),
    signer: z.object({
      username: z.string(),
      verified: z.boolean().meta({ description: 'True when the cluster verified the identity; false for a name typed in snapshot mode.' }),
    }),
    notes: z.string(),
    acceptedRisks: z.array(
      z.object({
        checkId: z.string(),
        object: ObjectRefSchema.optional(),
        reason: z.string(),
        expires: z.string(),
        acceptedBy: z.string(),
      }),
    ),
    fixBeforeGoLive: z.number().meta({ description: 'How many findings the team decided to fix before go-live.' }),
    since: z
      .object({
        holds: z
          .boolean()
          .meta({ description: 'False when the sign-off no longer holds (a new blocking failure, an expired risk, a worse verdict).' }),
        newFailures: z.array(z.object({ checkId: z.string(), object: z.string(), status: z.enum(['fail', 'warn']) })),
        fixed: z.array(z.object({ checkId: z.string(), object: z.string() })),
        expiredRisks: z.array(z.object({ checkId: z.string(), object: z.string().optional(), expires: z.string() })),
        objectsAdded: z.array(z.string()),
        objectsRemoved: z.array(z.string()),
        configChanged: z.boolean(),
      })
      .meta({ description: 'The namespace now against this sign-off.' }),
  })
  .meta({ description: 'The last go-live sign-off of the namespace, when it has one.' });

const NamespaceSchema = z.object({
  namespace: z.string(),
  verdict: VerdictSchema,
  verdictLabel: z.string(),
  score: z.object({ value: z.number().nullable(), grade: z.enum(['A', 'B', 'C', 'D', 'F']).nullable() }),
  partial: z.boolean().meta({ description: 'Some checks could not be evaluated for lack of access or data.' }),
  blockingFailures: z.array(z.string()).meta({ description: 'Ids of the failing blocking checks: why the verdict is not ready.' }),
  checks: z.array(CheckResultSchema),
  signOff: SignOffSchema.optional(),
});

export const ReportDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('shipshape'), version: z.string() }),
    evaluatedAt: z.string().meta({ description: 'When the input was read and graded (ISO 8601).' }),
    source: z.object({
      kind: z.enum(['files', 'live', 'demo', 'snapshot']),
      context: z.string().nullable().meta({ description: 'The kubeconfig context (live) or the folder given (files).' }),
      server: z.string().optional(),
    }),
    scope: z.union([z.object({ kind: z.literal('cluster') }), z.object({ kind: z.literal('namespace'), namespace: z.string() })]),
    configuration: z.object({
      state: z.enum(['file', 'defaults']),
      file: z.string().nullable(),
    }),
    kubernetesVersion: z.object({ version: z.string(), source: z.enum(['configuration', 'server', 'default']) }),
    scoreFormula: z.string(),
    partial: z
      .boolean()
      .meta({ description: 'Part of the input could not be read: forbidden kinds, hidden namespaces or rejected documents.' }),
    summary: z.object({
      namespaces: z.number(),
      verdicts: z.record(VerdictSchema, z.number()),
      findings: z.object({ fail: z.number(), warn: z.number(), waived: z.number(), blocking: z.number() }),
    }),
    namespaces: z.array(NamespaceSchema),
    skipped: z.array(
      z.object({ namespace: z.string(), reason: z.enum(['system', 'excluded', 'hidden']), objects: z.number(), detail: z.string() }),
    ),
    manifestErrors: z.array(z.object({ file: z.string(), line: z.number().optional(), message: z.string() })),
    ignoredKinds: z.record(z.string(), z.number()),
    rejectedWaivers: z.array(
      z.object({ namespace: z.string().optional(), checkId: z.string().optional(), source: z.string(), message: z.string() }),
    ),
  })
  .meta({
    title: 'Shipshape report',
    description: 'A graded Kubernetes cluster or namespace, as `shipshape audit --format json` writes it.',
  });

export type ReportDocument = z.infer<typeof ReportDocumentSchema>;
export type ReportNamespace = ReportDocument['namespaces'][number];
export type ReportCheck = ReportNamespace['checks'][number];
export type ReportFinding = ReportCheck['findings'][number];
export type ReportLocation = z.infer<typeof LocationSchema>;
export type ReportFix = z.infer<typeof FixSchema>;

/** A finding's fix as reports carry it: the fix itself, rendered to its kubectl line and YAML. */
export function reportFix(fix: ObjectFix): ReportFix {
  const command = fixCommand(fix);
  const rendered = { note: fix.note, ...(command ? { command } : {}), yaml: fixYaml(fix) };
  if (fix.type === 'manifest') return { type: 'manifest', ...rendered, content: structuredClone(fix.manifest) };
  const { kind, name, namespace } = fix.target;
  return {
    type: 'patch',
    ...rendered,
    target: namespace === undefined ? { kind, name } : { kind, name, namespace },
    patchType: fix.patchType,
    inPlace: fix.inPlace,
    content: structuredClone(fix.patch),
  };
}
export type ReportSignOff = z.infer<typeof SignOffSchema>;

/** What the caller knows besides the graded result. */
export interface ReportInput {
  report: ClusterReport;
  toolVersion: string;
  evaluatedAt: string;
  source: ReportDocument['source'];
  configFile: string | undefined;
  manifestErrors?: readonly { file: string; line?: number; message: string }[];
  ignoredKinds?: Readonly<Record<string, number>>;
  /** These namespaces only (one: a namespace report); the whole cluster when unset. */
  namespaces?: readonly string[];
  /** Where an object (or, given `field`, that field of it) is written, for input read from files. */
  locate?: (object: ObjectRef, field?: string) => ReportLocation | undefined;
  /** Each signed-off namespace's last sign-off and the state since. */
  signOffs?: ReadonlyMap<string, ReportSignOff>;
}

const VERDICTS: readonly Verdict[] = ['ready', 'ready-with-risks', 'incomplete', 'not-ready', 'not-graded'];

function namespaceDocument(namespace: NamespaceReport, locate: ReportInput['locate']): ReportNamespace {
  return {
    namespace: namespace.namespace,
    verdict: namespace.verdict,
    verdictLabel: VERDICT_LABELS[namespace.verdict],
    score: { value: namespace.score.value, grade: namespace.score.grade },
    partial: namespace.partial,
    blockingFailures: namespace.blockingFailures.map((item) => item.checkId),
    checks: namespace.items.map((item) => ({
      checkId: item.checkId,
      title: checkById(item.checkId)?.title ?? item.checkId,
      principle: item.principle,
      severity: item.severity,
      status: item.status,
      observed: item.observed === true,
      ...(item.reason ? { reason: item.reason } : {}),
      ...(item.reasonDetail ? { reasonDetail: item.reasonDetail } : {}),
      counts: { pass: item.counts.pass, warn: item.counts.warn, fail: item.counts.fail, waived: item.counts.waived ?? 0 },
      findings: item.findings.map((finding) => {
        const location = locate?.(finding.object);
        const fieldLocation = finding.field && location ? locate?.(finding.object, finding.field) : undefined;
        return {
          object: { ...finding.object },
          status: finding.status,
          ...(finding.waivedStatus ? { waivedStatus: finding.waivedStatus } : {}),
          message: finding.message,
          ...(finding.owner ? { owner: { ...finding.owner } } : {}),
          ...(finding.waiver ? { waiver: { ...finding.waiver } } : {}),
          ...(location ? { location } : {}),
          ...(finding.fix ? { fix: reportFix(finding.fix) } : {}),
          ...(finding.field ? { field: finding.field } : {}),
          ...(fieldLocation ? { fieldLocation } : {}),
        };
      }),
    })),
  };
}

export function buildReport(input: ReportInput): ReportDocument {
  const { report } = input;
  const wanted = input.namespaces === undefined ? undefined : new Set(input.namespaces);
  const inScope = (namespace: string | undefined) => wanted === undefined || (namespace !== undefined && wanted.has(namespace));
  const graded = report.namespaces.filter((entry) => inScope(entry.namespace));
  const namespaces = graded.map((entry) => {
    const document = namespaceDocument(entry, input.locate);
    const signOff = input.signOffs?.get(entry.namespace);
    return signOff ? { ...document, signOff } : document;
  });
  const verdicts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  const findings = { fail: 0, warn: 0, waived: 0, blocking: 0 };
  for (const namespace of namespaces) {
    verdicts[namespace.verdict] += 1;
    for (const check of namespace.checks) {
      if (check.observed) continue;
      findings.fail += check.counts.fail;
      findings.warn += check.counts.warn;
      findings.waived += check.counts.waived;
      if (check.severity === 'blocking') findings.blocking += check.counts.fail;
    }
  }
  const skipped = report.skipped.filter((entry) => inScope(entry.namespace));
  const manifestErrors = (input.manifestErrors ?? []).map((error) => ({ ...error }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'shipshape', version: input.toolVersion },
    evaluatedAt: input.evaluatedAt,
    source: input.source,
    scope: input.namespaces?.length === 1 ? { kind: 'namespace', namespace: input.namespaces[0] as string } : { kind: 'cluster' },
    configuration: { state: input.configFile ? 'file' : 'defaults', file: input.configFile ?? null },
    kubernetesVersion: { ...report.kubernetesVersion },
    scoreFormula: SCORE_FORMULA,
    partial:
      namespaces.some((namespace) => namespace.partial) || skipped.some((entry) => entry.reason === 'hidden') || manifestErrors.length > 0,
    summary: { namespaces: namespaces.length, verdicts, findings },
    namespaces,
    skipped: skipped.map((entry) => ({ ...entry })),
    manifestErrors,
    ignoredKinds: { ...(input.ignoredKinds ?? {}) },
    rejectedWaivers: report.rejectedWaivers
      .filter((entry) => wanted === undefined || entry.namespace === undefined || inScope(entry.namespace))
      .map((entry) => ({
        ...(entry.namespace ? { namespace: entry.namespace } : {}),
        ...(entry.checkId ? { checkId: entry.checkId } : {}),
        source: entry.source,
        message: entry.message,
      })),
  };
}

/** Findings that count against the gate: failing or warning, of graded (declared) checks. */
export function* openFindings(
  document: ReportDocument,
): Generator<{ namespace: ReportNamespace; check: ReportCheck; finding: ReportFinding }> {
  for (const namespace of document.namespaces)
    for (const check of namespace.checks) {
      if (check.observed) continue;
      for (const finding of check.findings) if (finding.status === 'fail' || finding.status === 'warn') yield { namespace, check, finding };
    }
}
