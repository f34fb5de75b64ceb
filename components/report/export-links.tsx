import type { Route } from 'next';
import { hrefs } from '@/lib/web/hrefs';

/** Where an export comes from: the cluster (no namespace) or one namespace of it. */
export interface ExportScope {
  context: string;
  namespace?: string;
}

export interface ExportFormat {
  id: string;
  label: string;
  /** What the link gives, for its accessible name and tooltip. */
  description: string;
  href: (scope: ExportScope) => Route;
  /** True: the browser saves the answer as a file; false: it opens a page. */
  download: boolean;
}

/**
 * Every export the dashboard offers, in the order shown, for the overview and each namespace;
 * the pipeline formats come from lib/report through one route, from the same cached read.
 */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'print',
    label: 'Printable report',
    description: 'a page to print or save as PDF',
    href: ({ context, namespace }) => hrefs.printableReport(context, { namespace }),
    download: false,
  },
  {
    id: 'json',
    label: 'JSON',
    description: 'the report as a JSON file',
    href: ({ context, namespace }) => hrefs.report(context, { namespace, download: true }),
    download: true,
  },
  {
    id: 'sarif',
    label: 'SARIF',
    description: 'findings for code scanning (SARIF 2.1.0)',
    href: ({ context, namespace }) => hrefs.exportFile(context, 'sarif', { namespace }),
    download: true,
  },
  {
    id: 'junit',
    label: 'JUnit',
    description: 'a test report per namespace and check (JUnit XML)',
    href: ({ context, namespace }) => hrefs.exportFile(context, 'junit', { namespace }),
    download: true,
  },
  {
    id: 'markdown',
    label: 'Markdown',
    description: 'a summary for a pull request or a wiki page',
    href: ({ context, namespace }) => hrefs.exportFile(context, 'markdown', { namespace }),
    download: true,
  },
];

/** The "Export" group: a small row of links, left off paper. */
export function ExportLinks({ scope }: { scope: ExportScope }) {
  const subject = scope.namespace === undefined ? 'the cluster' : `namespace ${scope.namespace}`;
  return (
    <nav aria-label="Export" className="flex flex-wrap items-center gap-2 text-sm print:hidden" data-export={scope.namespace ?? ''}>
      <span className="text-slate-600 dark:text-slate-400">Export</span>
      {EXPORT_FORMATS.map((format) => (
        <a
          key={format.id}
          href={format.href(scope)}
          download={format.download ? '' : undefined}
          title={`${format.label}: ${format.description}`}
          aria-label={`${format.label} of ${subject}`}
          data-export-format={format.id}
          className="rounded border border-slate-300 px-2 py-0.5 text-sky-800 hover:bg-slate-100 dark:border-slate-600 dark:text-sky-300 dark:hover:bg-slate-800"
        >
          {format.label}
        </a>
      ))}
    </nav>
  );
}
