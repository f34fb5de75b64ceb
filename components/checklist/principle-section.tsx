import Link from 'next/link';
import { ChecklistEntry } from '@/components/checklist/checklist-entry';
import type { Principle } from '@/lib/checks/principles';
import type { ChecklistItem } from '@/lib/checks/types';
import { hrefs, principleAnchor } from '@/lib/web/hrefs';

/** One principle's part of a namespace checklist; its title filters the checklist to it. */
export function PrincipleSection({
  context,
  namespace,
  principle,
  items,
}: {
  context: string;
  namespace: string;
  principle: Principle;
  items: readonly ChecklistItem[];
}) {
  if (items.length === 0) return null;
  const anchor = principleAnchor(principle.id);
  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className="mb-6 scroll-mt-4">
      <h2 id={`${anchor}-title`} className="text-lg font-semibold">
        <Link href={hrefs.namespace(context, namespace, { principle: principle.id })} className="underline-offset-2 hover:underline">
          {principle.title}
        </Link>
      </h2>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{principle.summary}</p>
      {items.some((item) => item.observed) ? (
        <p role="note" className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300" data-observed-note>
          Observed now — shown, not graded. These checks read what the cluster reports at this moment, so they count toward neither the
          score nor the verdict.
        </p>
      ) : null}
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {items.map((item) => (
          <li key={item.checkId}>
            <ChecklistEntry context={context} item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}
