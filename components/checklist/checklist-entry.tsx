import Link from 'next/link';
import { ObservedTag } from '@/components/badges/observed-tag';
import { SeverityTag } from '@/components/badges/severity-tag';
import { StatusBadge } from '@/components/badges/status-badge';
import { FixSnippet } from '@/components/checklist/fix-snippet';
import { ObjectFixView } from '@/components/checklist/object-fix';
import { WaiverNoteText } from '@/components/checklist/waiver-note';
import { ClusterText } from '@/components/page/cluster-text';
import { ObjectRefText } from '@/components/page/object-ref';
import { checkById } from '@/lib/checks/catalog';
import type { ChecklistItem, NotEvaluatedReason } from '@/lib/checks/types';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { hrefs } from '@/lib/web/hrefs';

export const REASON_TEXT = {
  forbidden: 'Not evaluated: access denied',
  unavailable: 'Not evaluated: data unavailable',
  'not-applicable': 'Not applicable',
  disabled: 'Disabled in the configuration',
  'internal-error': 'Not evaluated: internal error',
} as const satisfies Record<NotEvaluatedReason, string>;

export function summaryLine(item: ChecklistItem): string {
  if (item.status === 'not-evaluated') return item.reason ? REASON_TEXT[item.reason] : 'Not evaluated';
  const total = item.findings.length;
  const objects = `${total} object${total === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (item.counts.fail) parts.push(`${item.counts.fail} fail`);
  if (item.counts.warn) parts.push(`${item.counts.warn} warn`);
  if (item.counts.waived) parts.push(`${item.counts.waived} waived`);
  return parts.length === 0 ? `${objects}: all pass` : `${objects}: ${parts.join(', ')}`;
}

/** One check on a namespace's checklist: open when it needs work, with its objects, why it matters and how to fix it. */
export function ChecklistEntry({ context, item }: { context: string; item: ChecklistItem }) {
  const check = checkById(item.checkId);
  if (!check) return null;
  const needsWork = item.status === 'fail' || item.status === 'warn';
  // A waived risk is still a risk: its fix stays on the page.
  const showFix = needsWork || item.status === 'waived';
  return (
    <details id={item.checkId} open={needsWork} className="group scroll-mt-4" data-check={item.checkId} data-status={item.status}>
      <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="chevron h-3 w-3 shrink-0 transition-transform"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
        >
          <path d="M9 6l6 6-6 6" />
        </svg>
        <StatusBadge status={item.status} />
        <span className="font-medium">{check.title}</span>
        <SeverityTag severity={item.severity} />
        {item.observed ? <ObservedTag /> : null}
        <span className="ml-auto text-sm text-slate-600 dark:text-slate-400">{summaryLine(item)}</span>
      </summary>
      <div className="grid gap-4 px-3 pb-4 pl-9 md:grid-cols-2">
        <div>
          {item.status === 'not-evaluated' ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <ClusterText value={item.reasonDetail ?? ''} limit={SENTENCE_LIMIT} />
            </p>
          ) : (
            <>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Objects</h3>
              <ul className="mt-1 space-y-1">
                {item.findings.map((finding) => (
                  <li key={`${finding.object.kind}/${finding.object.name}`} className="flex items-start gap-2 text-sm">
                    <StatusBadge status={finding.status} />
                    <span>
                      <ObjectRefText object={finding.object} />{' '}
                      {finding.owner ? (
                        <span className="text-xs text-slate-600 dark:text-slate-400">
                          (of <ObjectRefText object={finding.owner} />){' '}
                        </span>
                      ) : null}
                      <span className="text-slate-700 dark:text-slate-300">
                        — <ClusterText value={finding.message} limit={SENTENCE_LIMIT} />
                      </span>
                      {finding.waiver ? <WaiverNoteText note={finding.waiver} /> : null}
                      {finding.fix && finding.status !== 'pass' ? <ObjectFixView fix={finding.fix} /> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Why it matters</h3>
          <p className="mt-1 text-sm">{check.rationale}</p>
          <p className="mt-2 text-sm">
            <Link href={hrefs.check(context, check.id)} className="text-sky-800 underline dark:text-sky-300">
              About this check
            </Link>
          </p>
        </div>
        {showFix ? (
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">How to fix</h3>
            <div className="mt-1">
              <FixSnippet remediation={check.remediation} />
            </div>
          </div>
        ) : null}
      </div>
    </details>
  );
}
