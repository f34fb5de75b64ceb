import 'server-only';
/**
 * One namespace's report for its route: the layout (for a real 404 before the loading boundary)
 * and the page (for what it shows) both call this, so the "namespace exists" rule is written once.
 */
import { notFound } from 'next/navigation';
import type { NamespaceReport } from '../checks/evaluate';
import type { ContextInfo, LoadedCluster } from '../sources/cluster-source';
import { loadContext } from '../sources/registry';
import type { SourceError } from '../sources/source-error';
import { requireContext, requireNamespaceName } from './route-params';

export type NamespaceReportResult = { context: ContextInfo; namespace: string } & (
  | { ok: true; cluster: LoadedCluster; report: NamespaceReport }
  | { ok: false; error: SourceError }
);

/**
 * A namespace route must name a known context and a DNS-1123 label that the cluster graded, else
 * it is a 404. When the cluster cannot be read, the page shows that error, so only a successful
 * read can rule a namespace out.
 */
export async function loadNamespaceReport(contextParam: string, namespaceParam: string): Promise<NamespaceReportResult> {
  const context = await requireContext(contextParam);
  const namespace = requireNamespaceName(namespaceParam);
  const result = await loadContext(context.name);
  if (!result.ok) return { ok: false, context, namespace, error: result.error };
  const report = result.cluster.report.namespaces.find((candidate) => candidate.namespace === namespace);
  if (!report) notFound();
  return { ok: true, context, namespace, cluster: result.cluster, report };
}
