/**
 * The CLI's plain-text report, for a terminal: one line per graded namespace (grade, score,
 * verdict), its blocking failures with the objects behind them, other failures and warnings by
 * check, waived findings and checks that could not run; then what was not graded, which
 * Kubernetes release API versions were judged against, and a one-line summary at the end.
 *
 * Colour only when asked (the caller decides: stdout is a TTY and NO_COLOR is unset); every
 * cluster string has its control and invisible characters shown as markers (lib/cluster-text),
 * so a hostile name cannot move the cursor, recolour the terminal or reorder what it shows.
 */
import { styleText } from 'node:util';
import { describeWaiverNote } from '../../lib/checks/waivers/apply';
import { SENTENCE_LIMIT, truncateText, visibleText } from '../../lib/cluster-text';
import type { ReportDocument, ReportFinding } from '../../lib/report/model';

export interface TextOptions {
  colour: boolean;
  /** The gate's outcome, for the summary line; none for a file written alongside. */
  gate?: string;
}

/** Objects listed under one check before "and N more": a terminal report is read, not searched. */
const OBJECTS_SHOWN = 5;

/** A cluster string as the terminal shows it: cut to a sentence, every invisible or control character (ESC, bidi overrides) shown as a marker. */
const clean = (text: string) => {
  const cut = truncateText(text, SENTENCE_LIMIT);
  return `${visibleText(cut.text)}${cut.omitted > 0 ? '…' : ''}`;
};

const plural = (count: number, noun = 'object') => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function renderText(document: ReportDocument, options: TextOptions): string {
  type Style = Parameters<typeof styleText>[0];
  const paint = (style: Style, text: string) => (options.colour ? styleText(style, text, { validateStream: false }) : text);
  const verdictStyle: Record<string, Style> = {
    'not-ready': ['bold', 'red'],
    incomplete: ['bold', 'yellow'],
    'ready-with-risks': 'yellow',
    ready: 'green',
    'not-graded': 'gray',
  };
  const objectLines = (findings: readonly ReportFinding[], indent: string) => {
    const lines = findings
      .slice(0, OBJECTS_SHOWN)
      .flatMap((finding) => [
        `${indent}${paint('dim', `${clean(finding.object.kind)}/${clean(finding.object.name)}:`)} ${clean(finding.message)}`,
        ...(finding.fix ? [`${indent}  ${paint('green', 'fix:')} ${fixText(finding.fix)}`] : []),
      ]);
    if (findings.length > OBJECTS_SHOWN) lines.push(`${indent}${paint('dim', `… and ${findings.length - OBJECTS_SHOWN} more`)}`);
    return lines;
  };

  const lines: string[] = [];
  if (document.source.kind === 'live' && document.source.context)
    lines.push(
      paint('bold', `context ${clean(document.source.context)}${document.source.server ? ` (${clean(document.source.server)})` : ''}`),
    );
  for (const namespace of document.namespaces) {
    const score = namespace.score.value === null ? 'N/A' : `${namespace.score.grade} ${namespace.score.value}`;
    lines.push(
      `${paint('bold', clean(namespace.namespace).padEnd(28))} ${score.padEnd(7)} ${paint(verdictStyle[namespace.verdict] ?? 'reset', namespace.verdictLabel)}`,
    );
    for (const check of namespace.checks) {
      if (check.observed) continue;
      const failing = check.findings.filter((finding) => finding.status === 'fail');
      if (check.severity === 'blocking' && check.status === 'fail') {
        const expired = failing.find((finding) => finding.waiver?.state === 'expired')?.waiver;
        lines.push(
          `    ${paint('red', 'blocking:')} ${check.title} (${plural(check.counts.fail)})${expired ? `; waiver expired on ${clean(expired.expires)}` : ''}`,
        );
        lines.push(...objectLines(failing, '        '));
      }
    }
    for (const check of namespace.checks) {
      if (check.observed) continue;
      const failing = check.findings.filter((finding) => finding.status === 'fail');
      const warning = check.findings.filter((finding) => finding.status === 'warn');
      if (check.severity !== 'blocking' && failing.length > 0) {
        lines.push(`    ${paint('yellow', `${check.severity}:`)} ${check.title} (${plural(failing.length)})`);
        lines.push(...objectLines(failing, '        '));
      }
      if (warning.length > 0) lines.push(`    ${paint('cyan', 'warning:')} ${check.title} (${plural(warning.length)})`);
      // The stack is on stderr (logged by the grader); here, which check is missing from the grade.
      if (check.reason === 'internal-error') lines.push(`    not evaluated (internal error): ${check.title}`);
      else if (check.status === 'not-evaluated' && check.reason !== 'not-applicable' && check.reason !== 'disabled')
        lines.push(`    not evaluated (${check.reason}): ${check.title}${check.reasonDetail ? `, ${clean(check.reasonDetail)}` : ''}`);
      for (const finding of check.findings) {
        if (finding.status !== 'waived' || !finding.waiver) continue;
        lines.push(
          `    ${paint('dim', 'waived:')} ${check.title}, ${clean(finding.object.kind)}/${clean(finding.object.name)}. ${describeWaiver(finding.waiver)}`,
        );
      }
    }
  }
  for (const entry of document.skipped)
    lines.push(`not graded: ${clean(entry.namespace)} (${plural(entry.objects)}): ${clean(entry.detail)}`);
  const ignored = Object.entries(document.ignoredKinds);
  if (ignored.length > 0)
    lines.push(`not graded, kinds Shipshape does not read: ${ignored.map(([kind, count]) => `${clean(kind)} (${count})`).join(', ')}`);
  const { version, source } = document.kubernetesVersion;
  lines.push(
    `API versions judged against Kubernetes ${version} (${source === 'configuration' ? 'settings.kubernetesVersion' : source === 'server' ? "the API server's version" : 'the default; set settings.kubernetesVersion to change it'})`,
  );
  lines.push(summaryLine(document, options, paint));
  return `${lines.map((line) => `${line}\n`).join('')}`;
}

/**
 * The fix's kubectl line, whole (a cut command is no command), its invisible and control
 * characters shown as markers like every cluster string; for a change a live object refuses, what to do.
 */
function fixText(fix: NonNullable<ReportFinding['fix']>): string {
  if (fix.command) return visibleText(fix.command);
  return `in its manifest, then re-create it: ${clean(fix.note)} (the YAML is in --format markdown or json)`;
}

function describeWaiver(waiver: NonNullable<ReportFinding['waiver']>): string {
  return describeWaiverNote({
    ...waiver,
    reason: clean(waiver.reason),
    approvedBy: clean(waiver.approvedBy),
    expires: clean(waiver.expires),
  });
}

function summaryLine(
  document: ReportDocument,
  options: TextOptions,
  paint: (style: Parameters<typeof styleText>[0], text: string) => string,
): string {
  const { verdicts, findings } = document.summary;
  const verdictParts = Object.entries(verdicts)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${count} ${verdict.replaceAll('-', ' ')}`);
  const parts = [
    `${plural(document.summary.namespaces, 'namespace')} graded${verdictParts.length > 0 ? ` (${verdictParts.join(', ')})` : ''}`,
    `${findings.blocking} blocking, ${findings.fail} failing, ${findings.warn} warning, ${findings.waived} waived`,
    ...(document.partial ? ['partial read'] : []),
    ...(options.gate ? [options.gate] : []),
  ];
  return paint('bold', `shipshape: ${parts.join(' · ')}`);
}
