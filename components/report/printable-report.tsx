import type { ReactNode } from 'react';
import { GradeBadge, VerdictBadge } from '@/components/badges/grade-badge';
import { ObservedTag } from '@/components/badges/observed-tag';
import { SeverityTag } from '@/components/badges/severity-tag';
import { StatusBadge } from '@/components/badges/status-badge';
import { REASON_TEXT, summaryLine } from '@/components/checklist/checklist-entry';
import { ObjectFixView } from '@/components/checklist/object-fix';
import { WaiverNoteText } from '@/components/checklist/waiver-note';
import { ConfigNotice } from '@/components/notices/config-notice';
import { ClusterText } from '@/components/page/cluster-text';
import { ObjectRefText } from '@/components/page/object-ref';
import { checkById } from '@/lib/checks/catalog';
import type { NamespaceReport, TargetVersion } from '@/lib/checks/evaluate';
import { SCORE_FORMULA, VERDICT_LABELS, type Verdict } from '@/lib/checks/scoring';
import type { ChecklistItem, ItemFinding } from '@/lib/checks/types';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import type { LoadedCluster, SourceKind } from '@/lib/sources/cluster-source';

/*
 * The printable report: what a reviewer hands to a meeting. One document per cluster or
 * namespace, written for paper first (globals.css holds the print rules): every finding with
 * its objects and its fix, every waiver with who accepted it until when, every gap with why.
 * Everything that comes from the cluster goes through ClusterText.
 */

const SOURCE_TEXT: Record<SourceKind, string> = {
  demo: 'the bundled demo cluster',
  snapshot: 'a snapshot folder of manifests',
  live: 'a live cluster, through its kubeconfig context',
};

const TARGET_SOURCE: Record<TargetVersion['source'], string> = {
  configuration: 'settings.kubernetesVersion in the configuration file',
  server: 'the API server’s own version',
  default: 'the default',
};

/** The order a reader needs: what blocks go-live, then what fails, what warns, what was accepted. */
const NEEDS_WORK_ORDER: Record<string, number> = { fail: 0, warn: 1, waived: 2 };

function needsWork(item: ChecklistItem): boolean {
  return item.status in NEEDS_WORK_ORDER;
}

function byUrgency(a: ChecklistItem, b: ChecklistItem): number {
  const blocking = Number(b.severity === 'blocking') - Number(a.severity === 'blocking');
  return (NEEDS_WORK_ORDER[a.status] ?? 3) - (NEEDS_WORK_ORDER[b.status] ?? 3) || blocking;
}

function utc(iso: string): string {
  return `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-40 shrink-0 text-slate-600 print:text-black dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** Title, what was graded, from where, when and with which configuration: the first thing on paper. */
export function ReportHeader({ title, cluster, children }: { title: ReactNode; cluster: LoadedCluster; children?: ReactNode }) {
  const { context, report, config } = cluster;
  return (
    <header className="mb-6 border-b border-slate-300 pb-4" data-report-header="">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600 print:text-black dark:text-slate-400">
        Shipshape readiness report
      </p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">{title}</h1>
      <dl className="mt-3 space-y-1 text-sm">
        <Fact term="Cluster">
          <ClusterText value={context.label} /> (context{' '}
          <span className="font-mono">
            <ClusterText value={context.name} />
          </span>
          )
        </Fact>
        <Fact term="Source">{SOURCE_TEXT[context.kind]}</Fact>
        <Fact term="Evaluated">
          <time dateTime={cluster.evaluatedAt}>{utc(cluster.evaluatedAt)}</time>
        </Fact>
        <Fact term="Kubernetes target">
          {report.kubernetesVersion.version} ({TARGET_SOURCE[report.kubernetesVersion.source]})
        </Fact>
        <Fact term="Configuration">{config ? <ConfigNotice loaded={config} /> : 'none read: the defaults'}</Fact>
      </dl>
      {children}
      <p className="mt-3 text-sm text-slate-600 print:hidden dark:text-slate-400">
        Print this page, or choose “Save as PDF” in the browser’s print dialog, for a clean document.
      </p>
    </header>
  );
}

/** The score formula and the verdict rule, printed beside the scores so nobody has to guess. */
export function ScoreExplanation() {
  return (
    <section aria-labelledby="how-graded" className="mb-6 break-inside-avoid text-sm">
      <h2 id="how-graded" className="text-lg font-semibold">
        How the score and verdict are computed
      </h2>
      <p className="mt-1">{SCORE_FORMULA}</p>
      <p className="mt-1">
        Verdict: <em>{VERDICT_LABELS['not-ready']}</em> if any blocking check fails; <em>{VERDICT_LABELS.incomplete}</em> if a blocking
        check could not be evaluated; <em>{VERDICT_LABELS['ready-with-risks']}</em> if a non-blocking check fails or a finding is waived;
        otherwise <em>{VERDICT_LABELS.ready}</em>. The percentage never decides it.
      </p>
    </section>
  );
}

function FindingLine({ finding }: { finding: ItemFinding }) {
  return (
    <li className="flex items-start gap-2 text-sm">
      <StatusBadge status={finding.status} />
      <span className="min-w-0">
        <ObjectRefText object={finding.object} />{' '}
        {finding.owner ? (
          <span className="text-xs text-slate-600 print:text-black dark:text-slate-400">
            (of <ObjectRefText object={finding.owner} />){' '}
          </span>
        ) : null}
        — <ClusterText value={finding.message} limit={SENTENCE_LIMIT} />
        {finding.waiver ? <WaiverNoteText note={finding.waiver} /> : null}
        {finding.fix ? <ObjectFixView fix={finding.fix} paper /> : null}
      </span>
    </li>
  );
}

/** One check that needs work: its objects, why it matters, the fix and where to read more. */
function FindingEntry({ item, namespace }: { item: ChecklistItem; namespace: string }) {
  const check = checkById(item.checkId);
  if (!check) return null;
  const shown = item.findings.filter((finding) => finding.status !== 'pass');
  const passing = item.findings.length - shown.length;
  return (
    <article
      className="break-inside-avoid rounded border border-slate-300 p-3 print:rounded-none"
      data-report-finding={item.checkId}
      data-namespace={namespace}
      data-status={item.status}
    >
      <h4 className="flex flex-wrap items-center gap-2 font-semibold">
        <StatusBadge status={item.status} />
        <span>{check.title}</span>
        <SeverityTag severity={item.severity} />
        {item.observed ? <ObservedTag /> : null}
        <span className="font-mono text-xs font-normal text-slate-600 print:text-black dark:text-slate-400">{check.id}</span>
      </h4>
      {/* Side by side on paper and wide screens, so a finding takes half the height. */}
      <div className="mt-1 grid gap-x-4 gap-y-2 md:grid-cols-2 print:grid-cols-2">
        <div className="min-w-0">
          <p className="mt-1 text-sm text-slate-700 print:text-black dark:text-slate-300">{summaryLine(item)}</p>
          <ul className="mt-2 space-y-1">
            {shown.map((finding) => (
              <FindingLine key={`${finding.object.kind}/${finding.object.name}`} finding={finding} />
            ))}
          </ul>
          {passing > 0 ? (
            <p className="mt-1 text-xs text-slate-600 print:text-black dark:text-slate-400">
              and {passing} object{passing === 1 ? '' : 's'} that pass.
            </p>
          ) : null}
          <p className="mt-2 text-sm">
            <span className="font-semibold">Why it matters:</span> {check.rationale}
          </p>
        </div>
        <div className="min-w-0">
          <p className="text-sm">
            <span className="font-semibold">Fix:</span> {check.remediation.summary}
          </p>
          <pre className="mt-1 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-2 font-mono text-xs leading-snug text-slate-900 print:border-slate-400 dark:bg-slate-900 dark:text-slate-100">
            <code>{check.remediation.snippet}</code>
          </pre>
          <p className="mt-1 text-xs">
            Documentation:{' '}
            <a href={check.docs} className="break-all text-sky-800 underline print:text-black dark:text-sky-300">
              {check.docs}
            </a>
          </p>
        </div>
      </div>
    </article>
  );
}

function namespaceSummary(report: NamespaceReport): string {
  const { score, counts } = report;
  const scored = score.value === null ? 'Score N/A (nothing could be graded)' : `Score ${score.value} / 100, grade ${score.grade}`;
  const partial = report.partial ? ' Partial: some checks could not be read with this context’s rights (listed below).' : '';
  return (
    `${scored}; verdict ${VERDICT_LABELS[report.verdict]}. ${counts.fail} failing, ${counts.warn} warning, ${counts.waived} waived, ` +
    `${counts.pass} passing and ${counts['not-evaluated']} not evaluated of ${report.items.length} checks.${partial}`
  );
}

/** One namespace: verdict and grade first, blocking findings, every other finding, gaps, passes. */
export function NamespaceReportSection({ report, newPage = false }: { report: NamespaceReport; newPage?: boolean }) {
  const { namespace } = report;
  const work = report.items.filter(needsWork).sort(byUrgency);
  const notEvaluated = report.items.filter((item) => item.status === 'not-evaluated');
  const passing = report.items.filter((item) => item.status === 'pass');
  const headingId = `report-ns-${namespace}`;
  return (
    <section aria-labelledby={headingId} className={`mb-8 ${newPage ? 'print:break-before-page' : ''}`} data-report-namespace={namespace}>
      <h2 id={headingId} className="flex flex-wrap items-center gap-4 border-b border-slate-300 pb-2 text-xl font-semibold">
        <span>
          Namespace{' '}
          <span className="font-mono">
            <ClusterText value={namespace} />
          </span>
        </span>
        <GradeBadge score={report.score} />
        <VerdictBadge verdict={report.verdict} />
      </h2>
      <p className="mt-2 text-sm">{namespaceSummary(report)}</p>

      <h3 className="mt-4 text-lg font-semibold">Blocking findings</h3>
      {report.blockingFailures.length === 0 ? (
        <p className="text-sm">None: no blocking check fails.</p>
      ) : (
        <ul className="mt-1 list-disc pl-5 text-sm" data-report-blocking={namespace}>
          {report.blockingFailures.map((item) => (
            <li key={item.checkId}>
              {checkById(item.checkId)?.title ?? item.checkId} — {summaryLine(item)}
            </li>
          ))}
        </ul>
      )}

      <h3 className="mt-4 text-lg font-semibold">Findings ({work.length})</h3>
      {work.length === 0 ? (
        <p className="text-sm">No check fails, warns or is waived.</p>
      ) : (
        <div className="mt-2 space-y-3">
          {work.map((item) => (
            <FindingEntry key={item.checkId} item={item} namespace={namespace} />
          ))}
        </div>
      )}

      <h3 className="mt-4 text-lg font-semibold">Not evaluated ({notEvaluated.length})</h3>
      {notEvaluated.length === 0 ? (
        <p className="text-sm">Every check was evaluated.</p>
      ) : (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm" data-report-not-evaluated={namespace}>
          {notEvaluated.map((item) => (
            <li key={item.checkId} className="break-inside-avoid">
              <span className="font-medium">{checkById(item.checkId)?.title ?? item.checkId}</span>:{' '}
              {item.reason ? REASON_TEXT[item.reason] : 'Not evaluated'}
              {item.reasonDetail ? (
                <>
                  {' '}
                  — <ClusterText value={item.reasonDetail} limit={SENTENCE_LIMIT} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h3 className="mt-4 text-lg font-semibold">Passing ({passing.length})</h3>
      <p className="text-sm">
        {passing.length === 0 ? 'No check passes.' : passing.map((item) => checkById(item.checkId)?.title ?? item.checkId).join(' · ')}
      </p>
    </section>
  );
}

/** Every waiver a finding carries, in force or expired: the check, the object, the reason, who approved it and until when. */
export function WaiverTable({ reports }: { reports: readonly NamespaceReport[] }) {
  const rows = reports.flatMap((report) =>
    report.items.flatMap((item) =>
      item.findings.flatMap((finding) => (finding.waiver ? [{ namespace: report.namespace, item, finding, waiver: finding.waiver }] : [])),
    ),
  );
  return (
    <section aria-labelledby="report-waivers" className="mb-8 break-inside-avoid text-sm" data-report-waivers={rows.length}>
      <h2 id="report-waivers" className="text-lg font-semibold">
        Waivers ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p>No finding is waived, and no waiver has expired.</p>
      ) : (
        // A list rather than a table: reasons run to 500 characters, and seven columns leave none of them room on A4.
        <ul className="mt-2 space-y-2">
          {rows.map(({ namespace, item, finding, waiver }) => (
            <li
              key={`${namespace}/${item.checkId}/${finding.object.kind}/${finding.object.name}`}
              className="break-inside-avoid border-l-2 border-slate-400 pl-3"
              data-report-waiver={waiver.state}
            >
              <p>
                <span className="font-semibold">
                  {waiver.state === 'active'
                    ? `In force until ${waiver.expires}`
                    : `Expired on ${waiver.expires}: the finding counts again`}
                </span>{' '}
                — {checkById(item.checkId)?.title ?? item.checkId}, <ObjectRefText object={finding.object} /> in{' '}
                <span className="font-mono">
                  <ClusterText value={namespace} />
                </span>
              </p>
              <p>
                Reason: <ClusterText value={waiver.reason} limit={SENTENCE_LIMIT} />
              </p>
              <p>
                Approved by <ClusterText value={waiver.approvedBy} />; written in{' '}
                <ClusterText value={waiver.source} limit={SENTENCE_LIMIT} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** How many namespaces stand where, worst verdict first: the cluster's headline. */
export function VerdictSummary({ reports }: { reports: readonly NamespaceReport[] }) {
  const order: Verdict[] = ['not-ready', 'incomplete', 'ready-with-risks', 'ready', 'not-graded'];
  const parts = order
    .map((verdict) => ({ verdict, count: reports.filter((report) => report.verdict === verdict).length }))
    .filter((part) => part.count > 0)
    .map((part) => `${part.count} ${VERDICT_LABELS[part.verdict]}`);
  return (
    <p className="mt-3 text-base font-semibold" data-report-verdicts="">
      {reports.length} namespace{reports.length === 1 ? '' : 's'} graded: {parts.length > 0 ? parts.join(', ') : 'none'}.
    </p>
  );
}

const SUMMARY_COLUMNS = ['Namespace', 'Grade', 'Score', 'Verdict', 'Failing', 'Warning', 'Waived', 'Not evaluated'] as const;

/** The cluster at a glance: one row per namespace, as graded. */
export function NamespaceSummaryTable({ reports }: { reports: readonly NamespaceReport[] }) {
  return (
    <section aria-labelledby="report-summary" className="mb-8 break-inside-avoid text-sm">
      <h2 id="report-summary" className="text-lg font-semibold">
        Namespaces
      </h2>
      <table className="mt-2 w-full border-collapse text-left">
        <thead>
          <tr className="border-b border-slate-400">
            {SUMMARY_COLUMNS.map((column) => (
              <th key={column} scope="col" className="py-1 pr-3">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.namespace} className="border-b border-slate-200" data-report-row={report.namespace}>
              <td className="py-1 pr-3 font-mono">
                <ClusterText value={report.namespace} />
              </td>
              <td className="py-1 pr-3 font-semibold">{report.score.grade ?? 'N/A'}</td>
              <td className="py-1 pr-3 tabular-nums">{report.score.value ?? 'N/A'}</td>
              <td className="py-1 pr-3">{VERDICT_LABELS[report.verdict]}</td>
              <td className="py-1 pr-3 tabular-nums">{report.counts.fail}</td>
              <td className="py-1 pr-3 tabular-nums">{report.counts.warn}</td>
              <td className="py-1 pr-3 tabular-nums">{report.counts.waived}</td>
              <td className="py-1 pr-3 tabular-nums">{report.counts['not-evaluated']}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
