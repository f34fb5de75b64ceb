import Link from 'next/link';
import { ClusterText } from '@/components/page/cluster-text';
import type { ContextInfo } from '@/lib/sources/cluster-source';
import { hrefs } from '@/lib/web/hrefs';

/** The cluster switcher (when there is more than one context) and the context's two top-level pages. */
export function ContextNav({ context, contexts }: { context: ContextInfo; contexts: readonly ContextInfo[] }) {
  return (
    <nav
      aria-label="Cluster"
      className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 pb-3 text-sm print:hidden dark:border-slate-800"
    >
      <span className="flex items-center gap-2">
        <span className="text-slate-600 dark:text-slate-400">Cluster</span>
        {contexts.length > 1 ? (
          <span className="flex flex-wrap gap-1">
            {contexts.map((candidate) => (
              <Link
                key={candidate.name}
                href={hrefs.context(candidate)}
                aria-current={candidate.name === context.name ? 'page' : undefined}
                className={`whitespace-nowrap rounded px-2 py-0.5 ${candidate.name === context.name ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'hover:bg-slate-200 dark:hover:bg-slate-800'}`}
              >
                <ClusterText value={candidate.label} expandable={false} />
                {candidate.kind === 'live' ? null : <span className="sr-only"> ({candidate.kind})</span>}
              </Link>
            ))}
          </span>
        ) : (
          <span className="font-medium">
            <ClusterText value={context.label} />
          </span>
        )}
      </span>
      <Link href={hrefs.context(context)} className="underline-offset-2 hover:underline">
        Overview
      </Link>
      <Link href={hrefs.checks(context)} className="underline-offset-2 hover:underline">
        Check catalog
      </Link>
    </nav>
  );
}
