/**
 * The CLI's plain-text report: one line per graded namespace (grade, score, verdict), its
 * blocking failures, waived findings and checks that could not run, then what was not graded and
 * which Kubernetes release API versions were judged against.
 */
import { checkById } from '../../lib/checks/catalog';
import type { ClusterReport } from '../../lib/checks/evaluate';
import { VERDICT_LABELS } from '../../lib/checks/scoring';
import { describeWaiverNote } from '../../lib/checks/waivers/apply';
import type { LoadedSnapshot } from '../../lib/snapshot/load-snapshot';

const plural = (count: number) => `${count} object${count === 1 ? '' : 's'}`;
const titleOf = (checkId: string) => checkById(checkId)?.title ?? checkId;

export function renderText(report: ClusterReport, snapshot: LoadedSnapshot): string {
  const lines: string[] = [];
  for (const namespace of report.namespaces) {
    const score = namespace.score.value === null ? 'N/A' : `${namespace.score.grade} ${namespace.score.value}`;
    lines.push(`${namespace.namespace.padEnd(28)} ${score.padEnd(7)} ${VERDICT_LABELS[namespace.verdict]}`);
    for (const item of namespace.blockingFailures) {
      const expired = item.findings.find((finding) => finding.status === 'fail' && finding.waiver?.state === 'expired')?.waiver;
      lines.push(
        `    blocking: ${titleOf(item.checkId)} (${plural(item.counts.fail)})${expired ? `; waiver expired on ${expired.expires}` : ''}`,
      );
    }
    for (const item of namespace.items) {
      // The stack is on stderr (logged by the grader); here, which check is missing from the grade.
      if (item.reason === 'internal-error') lines.push(`    not evaluated (internal error): ${titleOf(item.checkId)}`);
      for (const finding of item.findings) {
        if (finding.status !== 'waived' || !finding.waiver) continue;
        lines.push(
          `    waived: ${titleOf(item.checkId)}, ${finding.object.kind}/${finding.object.name}. ${describeWaiverNote(finding.waiver)}`,
        );
      }
    }
  }
  for (const entry of report.skipped) lines.push(`not graded: ${entry.namespace} (${plural(entry.objects)}): ${entry.detail}`);
  const ignored = Object.entries(snapshot.ignoredKinds);
  if (ignored.length > 0)
    lines.push(`not graded, kinds Shipshape does not read: ${ignored.map(([kind, count]) => `${kind} (${count})`).join(', ')}`);
  const { version, source } = report.kubernetesVersion;
  lines.push(
    `API versions judged against Kubernetes ${version} (${source === 'configuration' ? 'settings.kubernetesVersion' : 'the default; set settings.kubernetesVersion to change it'})`,
  );
  return `${lines.map((line) => `${line}\n`).join('')}`;
}
