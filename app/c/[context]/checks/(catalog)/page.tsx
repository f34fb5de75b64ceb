import type { Metadata } from 'next';
import Link from 'next/link';
import { ObservedTag } from '@/components/observed-tag';
import { PageHeader } from '@/components/page-header';
import { SeverityTag } from '@/components/severity-tag';
import { CATALOG } from '@/lib/checks/catalog';
import { DEFAULT_SHIPSHAPE_CONFIG } from '@/lib/checks/config/parse';
import { effectiveSeverity, isCheckDisabled } from '@/lib/checks/config/policy';
import { PRINCIPLES } from '@/lib/checks/principles';
import { contextPath, requireContext } from '@/lib/pages/route-params';
import { loadContext } from '@/lib/sources/registry';

export const metadata: Metadata = { title: 'Check catalog' };

export default async function CatalogPage({ params }: { params: Promise<{ context: string }> }) {
  const context = await requireContext((await params).context);
  const base = contextPath(context);
  // Severities and disabled checks as the configuration file sets them for this dashboard.
  const result = await loadContext(context.name);
  const config = (result.ok ? result.cluster.config?.config : undefined) ?? DEFAULT_SHIPSHAPE_CONFIG;
  return (
    <>
      <PageHeader
        crumbs={[{ href: base, label: context.label }, { label: 'Check catalog' }]}
        title={`Check catalog (${CATALOG.length} checks)`}
      />
      {PRINCIPLES.map((principle) => {
        const checks = CATALOG.filter((check) => check.principle === principle.id);
        if (checks.length === 0) return null;
        return (
          <section key={principle.id} aria-labelledby={`p-${principle.id}`} className="mb-6">
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
                    href={`${base}/checks/${check.id}`}
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
      })}
    </>
  );
}
