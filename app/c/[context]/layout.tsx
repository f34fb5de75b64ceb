import Link from 'next/link';
import type { ReactNode } from 'react';
import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { kubeconfigProblems, listContexts } from '@/lib/sources/registry';
import { hrefs } from '@/lib/web/hrefs';
import { requireContext } from '@/lib/web/route-params';

export default async function ContextLayout({ children, params }: { children: ReactNode; params: Promise<{ context: string }> }) {
  const context = await requireContext((await params).context);
  const contexts = await listContexts();
  const problems = await kubeconfigProblems();
  return (
    <div>
      <nav
        aria-label="Cluster"
        className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 pb-3 text-sm dark:border-slate-800"
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
      {problems.length > 0 ? (
        <section
          aria-label="Kubeconfig problems"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
        >
          <h2 className="font-semibold">Some kubeconfig files could not be read</h2>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((problem) => (
              <li key={`${problem.file}-${problem.message}`}>
                <span className="font-mono">
                  <ClusterText value={problem.file} />
                </span>
                : <ClusterText value={problem.message} limit={SENTENCE_LIMIT} />. Contexts from the other files are still available.
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {children}
    </div>
  );
}
