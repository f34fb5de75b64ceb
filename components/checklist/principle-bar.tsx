import Link from 'next/link';
import { StatusBadge } from '@/components/badges/status-badge';
import { PRINCIPLES, worstStatus } from '@/lib/checks/principles';
import type { ChecklistItem } from '@/lib/checks/types';
import { hrefs, principleAnchor } from '@/lib/web/hrefs';

/** Each principle's worst status at a glance, each a jump to that principle's section. */
export function PrincipleBar({ context, namespace, items }: { context: string; namespace: string; items: readonly ChecklistItem[] }) {
  return (
    <nav aria-label="Principles at a glance" className="mb-6">
      <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
        {PRINCIPLES.map((principle) => {
          const own = items.filter((item) => item.principle === principle.id);
          const status = worstStatus(own);
          return (
            <li key={principle.id}>
              <Link
                href={hrefs.namespace(context, namespace, { anchor: principleAnchor(principle.id) })}
                className="flex h-full items-center gap-2 rounded border border-slate-200 bg-white px-2 py-1.5 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600"
              >
                <StatusBadge status={status} />
                <span>{principle.title}</span>
                {own.length > 0 && own.every((item) => item.observed) ? (
                  <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">not graded</span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
