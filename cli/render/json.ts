/** The CLI's `--json` report: the graded namespaces and everything that was not graded, and why. */
import type { ClusterReport } from '../../lib/checks/evaluate';
import type { LoadedSnapshot } from '../../lib/snapshot/load-snapshot';

export function renderJson(report: ClusterReport, snapshot: LoadedSnapshot, configFile: string | undefined): string {
  return `${JSON.stringify(
    {
      namespaces: report.namespaces,
      skipped: report.skipped,
      skippedNamespaces: report.skippedNamespaces,
      excludedNamespaces: report.excludedNamespaces,
      kubernetesVersion: report.kubernetesVersion,
      rejectedWaivers: report.rejectedWaivers,
      configFile: configFile ?? null,
      manifestErrors: snapshot.errors,
      ignoredKinds: snapshot.ignoredKinds,
    },
    null,
    2,
  )}\n`;
}
