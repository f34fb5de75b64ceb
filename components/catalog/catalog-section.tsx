import Link from 'next/link';
import { ObservedTag } from '@/components/badges/observed-tag';
import { SeverityTag } from '@/components/badges/severity-tag';
import type { ShipshapeConfig } from '@/lib/checks/config/parse';
import { effectiveSeverity, isCheckDisabled } from '@/lib/checks/config/policy';
import type { Principle } from '@/lib/checks/principles';
import type { Check } from '@/lib/checks/types';
import { hrefs } from '@/lib/web/hrefs';

/** One principle's checks in the catalog, with the severity and state the configuration gives them. */
export function CatalogSection({
  context,
  principle,
  checks,
  config,
}: {
  context: string;
  principle: Principle;
  checks: readonly Check[];
  config: ShipshapeConfig;
}) {
  if (checks.length === 0) return null;
  return (
    <section aria-labelledby={`p-${principle.id}`} className="mb-6">
      <h2 id={`p-${principle.id}`} className="text-lg font-semibold">
        {principle.title}{' '}
        <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
          ({principle.source === 'part-1' ? 'part 1' : 'part 2'})
        </span>
      </h2>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{principle.summary}</p>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {checks.map((check) => (
          <li key={check.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
            <Link
              href={hrefs.check(context, check.id)}
              className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
            >
              {check.title}
            </Link>
            <SeverityTag severity={effectiveSeverity(check, config)} />
            {check.basis === 'observed' ? <ObservedTag /> : null}
            {isCheckDisabled(check.id, config) ? (
              <span className="rounded border border-dashed border-slate-400 px-1.5 text-xs">Disabled</span>
            ) : null}
            <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{check.id}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
