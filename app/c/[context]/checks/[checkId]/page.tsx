import type { Metadata } from 'next';
import Link from 'next/link';
import { ClusterErrorPanel } from '@/components/cluster-error';
import { ClusterText } from '@/components/cluster-text';
import { ColumnHeader } from '@/components/column-header';
import { FixSnippet } from '@/components/fix-snippet';
import { ObjectRefText } from '@/components/object-ref';
import { ObservedTag } from '@/components/observed-tag';
import { PageHeader } from '@/components/page-header';
import { SeverityTag } from '@/components/severity-tag';
import { StatusBadge } from '@/components/status-badge';
import { WaiverNoteText } from '@/components/waiver-note';
import { DEFAULT_SHIPSHAPE_CONFIG } from '@/lib/checks/config/parse';
import { effectiveSeverity, isCheckDisabled } from '@/lib/checks/config/policy';
import { principleById } from '@/lib/checks/principles';
import { SEVERITY_WEIGHTS } from '@/lib/checks/scoring';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { contextPath, requireCheck, requireContext } from '@/lib/pages/route-params';
import { loadContext } from '@/lib/sources/registry';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; checkId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: requireCheck((await params).checkId).title };
}

export default async function CheckPage({ params }: { params: Params }) {
  const raw = await params;
  const context = await requireContext(raw.context);
  const check = requireCheck(raw.checkId);
  const base = contextPath(context);
  const principle = principleById(check.principle);
  const result = await loadContext(context.name);
  const config = (result.ok ? result.cluster.config?.config : undefined) ?? DEFAULT_SHIPSHAPE_CONFIG;
  const severity = effectiveSeverity(check, config);

  return (
    <>
      <PageHeader
        crumbs={[{ href: base, label: context.label }, { href: `${base}/checks`, label: 'Check catalog' }, { label: check.id }]}
        title={check.title}
      />
      <div className="mb-6 flex flex-wrap items-center gap-3 text-sm">
        <SeverityTag severity={severity} />
        {check.basis === 'observed' ? <ObservedTag /> : null}
        {severity !== check.severity ? (
          <span className="text-slate-600 dark:text-slate-400">(set in the configuration file; the catalog says {check.severity})</span>
        ) : null}
        {isCheckDisabled(check.id, config) ? (
          <span className="rounded border border-dashed border-slate-400 px-1.5 text-xs">Disabled in the configuration file</span>
        ) : null}
        <span>
          Principle: <span className="font-medium">{principle.title}</span>
        </span>
        <span>Applies to: {check.targets.join(', ')}</span>
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{check.id}</span>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="why">
          <h2 id="why" className="text-lg font-semibold">
            Why it matters
          </h2>
          <p className="mt-1">{check.rationale}</p>
          <p className="mt-2 text-sm">
            {severity === 'blocking'
              ? 'Blocking: a failure here makes the namespace “Not ready” whatever its score.'
              : `Counts toward the score with weight ${SEVERITY_WEIGHTS[severity]}; it does not block go-live on its own.`}
          </p>
          <p className="mt-2 text-sm">
            <a href={check.docs} className="text-sky-800 underline dark:text-sky-300" rel="noreferrer" target="_blank">
              Kubernetes documentation
            </a>
          </p>
        </section>
        <section aria-labelledby="fix">
          <h2 id="fix" className="text-lg font-semibold">
            How to fix
          </h2>
          <div className="mt-1">
            <FixSnippet remediation={check.remediation} />
          </div>
        </section>
      </div>

      <section aria-labelledby="where" className="mt-8">
        <h2 id="where" className="text-lg font-semibold">
          In <ClusterText value={context.label} /> now
        </h2>
        {!result.ok ? (
          <ClusterErrorPanel error={result.error} />
        ) : (
          <table className="mt-2 w-full rounded-md border border-slate-200 bg-white text-left text-sm dark:border-slate-800 dark:bg-slate-900">
            <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <ColumnHeader>Namespace</ColumnHeader>
                <ColumnHeader>Status</ColumnHeader>
                <ColumnHeader>Objects needing work</ColumnHeader>
              </tr>
            </thead>
            <tbody>
              {result.cluster.report.namespaces.map((report) => {
                const item = report.items.find((candidate) => candidate.checkId === check.id);
                if (!item) return null;
                const offending = item.findings.filter((finding) => finding.status !== 'pass');
                return (
                  <tr key={report.namespace} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <th scope="row" className="px-3 py-2 font-medium">
                      <Link
                        href={`${base}/ns/${report.namespace}#${check.id}`}
                        className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                      >
                        <ClusterText value={report.namespace} expandable={false} />
                      </Link>
                    </th>
                    <td className="px-3 py-2">
                      <StatusBadge status={item.status} />
                    </td>
                    <td className="px-3 py-2">
                      {offending.length === 0 ? (
                        <span className="text-slate-600 dark:text-slate-400">
                          {item.status === 'not-evaluated' ? (
                            <ClusterText value={item.reasonDetail ?? ''} limit={SENTENCE_LIMIT} />
                          ) : (
                            'None'
                          )}
                        </span>
                      ) : (
                        <ul className="space-y-0.5">
                          {offending.map((finding) => (
                            <li key={`${finding.object.kind}/${finding.object.name}`}>
                              <ObjectRefText object={finding.object} />{' '}
                              <span className="text-slate-700 dark:text-slate-300">
                                — <ClusterText value={finding.message} limit={SENTENCE_LIMIT} />
                              </span>
                              {finding.waiver ? <WaiverNoteText note={finding.waiver} /> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
