import type { Route } from 'next';
import Link from 'next/link';
import type { NamespaceReport } from '@/lib/checks/evaluate';
import { VERDICT_LABELS, type Verdict } from '@/lib/checks/scoring';
import { hrefs } from '@/lib/web/hrefs';

const TILE_VERDICTS: readonly Verdict[] = ['not-ready', 'incomplete', 'ready-with-risks', 'ready'];

/** How many namespaces were graded and how many have each verdict; each tile links to that list. */
export function SummaryTiles({ context, reports }: { context: string; reports: readonly NamespaceReport[] }) {
  const byVerdict = (verdict: Verdict) => reports.filter((report) => report.verdict === verdict).length;
  return (
    <section aria-label="Summary" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
      <SummaryTile label="Namespaces graded" value={reports.length} href={hrefs.context(context)} />
      {TILE_VERDICTS.map((verdict) => (
        <SummaryTile key={verdict} label={VERDICT_LABELS[verdict]} value={byVerdict(verdict)} href={hrefs.context(context, { verdict })} />
      ))}
    </section>
  );
}

function SummaryTile({ label, value, href }: { label: string; value: number; href: Route }) {
  return (
    <Link
      href={href}
      className="rounded-md border border-slate-200 bg-white px-3 py-2 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600"
    >
      <span className="block text-2xl font-semibold tabular-nums">{value}</span>
      <span className="text-sm text-slate-700 dark:text-slate-300">{label}</span>
    </Link>
  );
}
