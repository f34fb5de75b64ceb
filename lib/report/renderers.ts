/**
 * The report formats a download or a pipeline can ask for, each with its renderer, media type and
 * file extension: one table, so the CLI and the dashboard's export route offer the same formats.
 */
import { renderJsonReport } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import type { ReportDocument } from './model';
import { renderSarif } from './sarif';

export interface ReportFormat {
  id: 'json' | 'sarif' | 'junit' | 'markdown';
  render(document: ReportDocument): string;
  contentType: string;
  extension: string;
}

export const REPORT_FORMATS: readonly ReportFormat[] = [
  { id: 'json', render: renderJsonReport, contentType: 'application/json; charset=utf-8', extension: 'report.json' },
  { id: 'sarif', render: renderSarif, contentType: 'application/sarif+json; charset=utf-8', extension: 'sarif' },
  { id: 'junit', render: renderJunit, contentType: 'application/xml; charset=utf-8', extension: 'junit.xml' },
  { id: 'markdown', render: (document) => renderMarkdown(document), contentType: 'text/markdown; charset=utf-8', extension: 'md' },
];

export function reportFormat(id: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((format) => format.id === id);
}
