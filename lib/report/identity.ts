/**
 * A finding's identity across runs, for `--baseline` and SARIF fingerprints: namespace, check and
 * object, and nothing about where it was read (context, file, line), so the same finding read
 * from a cluster or from the manifests that made it is the same finding.
 */
import type { ReportCheck, ReportFinding, ReportNamespace } from './model';

export function findingIdentity(
  namespace: Pick<ReportNamespace, 'namespace'>,
  check: Pick<ReportCheck, 'checkId'>,
  finding: Pick<ReportFinding, 'object'>,
): string {
  // JSON of a tuple: no separator character a name could contain can make two identities collide.
  return JSON.stringify([namespace.namespace, check.checkId, finding.object.kind, finding.object.name]);
}
