import type { Route } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ClusterText } from './cluster-text';

export interface Crumb {
  href?: Route;
  label: string;
}

export function PageHeader({ crumbs, title, aside }: { crumbs: Crumb[]; title: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
          <ol className="flex flex-wrap items-center gap-1">
            {crumbs.map((crumb, index) => (
              <li key={crumb.href ?? crumb.label} className="flex items-center gap-1">
                {index > 0 ? <span aria-hidden="true">›</span> : null}
                {crumb.href ? (
                  <Link href={crumb.href} className="underline-offset-2 hover:underline">
                    <ClusterText value={crumb.label} expandable={false} />
                  </Link>
                ) : (
                  <span aria-current="page">
                    <ClusterText value={crumb.label} />
                  </span>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{title}</h1>
      </div>
      {aside}
    </div>
  );
}
