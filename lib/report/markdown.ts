/**
 * Markdown for a pull-request comment or a wiki page: the verdict and grade first, then the
 * blocking findings, then the rest in collapsible sections. Every string from the cluster or the
 * files is escaped for both Markdown and HTML (a name cannot open a tag, a link or a table cell),
 * and the whole stays under the 65,536-character limit of common code-review comments: past the
 * budget, lines give way to one clear "and N more" per section.
 */

import { VERDICT_LABELS, type Verdict } from '../checks/scoring';
import { SENTENCE_LIMIT, truncateText, visibleText } from '../cluster-text';
import type { ReportDocument, ReportFinding, ReportSignOff } from './model';

/** GitHub's limit on a comment body; GitLab's is larger. */
export const MARKDOWN_LIMIT = 65_536;
/** Kept back for the closing lines and the "and N more" notes. */
const RESERVE = 2_000;

/** Escape one cluster string for inline Markdown inside HTML blocks: entities for HTML, backslashes for Markdown, one line. */
export function escapeMarkdown(text: string): string {
  const cut = truncateText(text.replace(/[\r\n\t]+/g, ' '), SENTENCE_LIMIT);
  // Invisible characters (bidi overrides, zero-width) become visible markers: the comment reads as stored.
  return `${visibleText(cut.text)}${cut.omitted > 0 ? '…' : ''}`
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/([\\`*_[\]{}()#+\-.!|~])/g, '\\$1');
}

/** Text for an HTML `<pre>` block, which GitHub shows as is: only the characters HTML reads are escaped. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A blocking finding's fix, collapsed under its line: the kubectl line and the YAML in `<pre>`
 * blocks (Markdown is not read inside them, and a name cannot close them: `<` is escaped).
 */
function fixDetails(fix: NonNullable<ReportFinding['fix']>): string {
  return [
    '',
    `  <details><summary>Fix for this object: ${escapeMarkdown(fix.note)}</summary>`,
    '',
    ...(fix.command ? [`  <pre lang="sh">${escapeHtml(visibleText(fix.command))}</pre>`, ''] : []),
    // Indented with the list item (which strips it), so the YAML's lines stay inside the item.
    `  <pre lang="yaml">${escapeHtml(visibleText(fix.yaml)).replaceAll('\n', '\n  ')}</pre>`,
    '',
    '  </details>',
  ].join('\n');
}

/** Worst first: the verdict a reader must see is the one that stops go-live. */
const VERDICT_ORDER: readonly Verdict[] = ['not-ready', 'incomplete', 'ready-with-risks', 'ready', 'not-graded'];
const VERDICT_MARK: Record<Verdict, string> = {
  'not-ready': '❌',
  incomplete: '⚠️',
  'ready-with-risks': '🟡',
  ready: '✅',
  'not-graded': '➖',
};

export function overallVerdict(document: ReportDocument): Verdict {
  for (const verdict of VERDICT_ORDER) if (document.namespaces.some((namespace) => namespace.verdict === verdict)) return verdict;
  return 'not-graded';
}

/** Lines added while the budget lasts; the rest counted, for the "and N more" line. */
class Budget {
  used = 0;
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  fits(text: string): boolean {
    if (this.used + text.length + 1 > this.limit) return false;
    this.used += text.length + 1;
    return true;
  }
  force(text: string) {
    this.used += text.length + 1;
  }
}

const SIGN_OFF_VERDICT: Record<ReportSignOff['verdict'], string> = {
  ready: '✅ Ready',
  'ready-with-accepted-risks': '🟡 Ready with accepted risks',
  'not-ready': '❌ Not ready',
};

/** The namespace's last sign-off: who signed what and when, the accepted risks, and what moved since. */
function signOffSection(
  namespace: string,
  signOff: ReportSignOff,
  push: (line: string) => void,
  list: (lines: readonly string[], what: string, share?: number) => void,
) {
  const { since } = signOff;
  push(`### Go-live sign-off: ${escapeMarkdown(namespace)}`);
  push('');
  push(
    `**${SIGN_OFF_VERDICT[signOff.verdict]}**, signed by ${escapeMarkdown(signOff.signer.username)} (${signOff.signer.verified ? 'verified by the cluster' : 'not verified'}) at ${escapeMarkdown(signOff.signedAt)} (${escapeMarkdown(signOff.review)}). ${since.holds ? '**The sign-off still holds.**' : '**The sign-off no longer holds.**'}`,
  );
  if (signOff.notes) {
    push('');
    push(`Notes: ${escapeMarkdown(signOff.notes)}`);
  }
  push('');
  list(
    signOff.acceptedRisks.map(
      (risk) =>
        `- Accepted risk: ${escapeMarkdown(risk.checkId)}${risk.object ? ` on ${escapeMarkdown(risk.object.kind)}/${escapeMarkdown(risk.object.name)}` : ''}, until ${escapeMarkdown(risk.expires)}, by ${escapeMarkdown(risk.acceptedBy)}: ${escapeMarkdown(risk.reason)}`,
    ),
    'accepted risks',
    6_000,
  );
  push('');
  push(
    `Since sign-off: ${since.newFailures.length} new failures, ${since.fixed.length} fixed, ${since.expiredRisks.length} accepted risks expired, ${since.objectsAdded.length} objects added, ${since.objectsRemoved.length} removed, configuration ${since.configChanged ? 'changed' : 'unchanged'}.`,
  );
  list(
    [
      ...since.newFailures.map(
        (entry) =>
          `- New ${entry.status === 'warn' ? 'warning' : 'failure'}: ${escapeMarkdown(entry.checkId)} on ${escapeMarkdown(entry.object)}`,
      ),
      ...since.expiredRisks.map(
        (risk) =>
          `- Expired accepted risk: ${escapeMarkdown(risk.checkId)}${risk.object ? ` on ${escapeMarkdown(risk.object)}` : ''} (${escapeMarkdown(risk.expires)})`,
      ),
      ...since.fixed.map((entry) => `- Fixed: ${escapeMarkdown(entry.checkId)} on ${escapeMarkdown(entry.object)}`),
      ...since.objectsAdded.map((object) => `- Added: ${escapeMarkdown(object)}`),
      ...since.objectsRemoved.map((object) => `- Removed: ${escapeMarkdown(object)}`),
    ],
    'changes since sign-off',
    6_000,
  );
  push('');
}

const objectText = (finding: ReportFinding) => `${escapeMarkdown(finding.object.kind)}/${escapeMarkdown(finding.object.name)}`;

export function renderMarkdown(document: ReportDocument, limit = MARKDOWN_LIMIT): string {
  const budget = new Budget(limit - RESERVE);
  const out: string[] = [];
  const push = (line: string) => {
    budget.force(line);
    out.push(line);
  };
  /** Lists `lines` while they fit (in `share` characters, if given), then says how many did not. */
  const list = (lines: readonly string[], what: string, share = Number.POSITIVE_INFINITY) => {
    const stopAt = budget.used + share;
    let shown = 0;
    for (const line of lines) {
      if (budget.used + line.length > stopAt || !budget.fits(line)) break;
      out.push(line);
      shown += 1;
    }
    if (shown < lines.length)
      push(
        `- … and ${lines.length - shown} more ${what}, not shown here to stay under the comment size limit: see the JSON or SARIF report.`,
      );
  };

  const verdict = overallVerdict(document);
  const where =
    document.scope.kind === 'namespace'
      ? `namespace \`${escapeMarkdown(document.scope.namespace)}\``
      : document.source.context
        ? `${document.source.kind === 'live' ? 'context' : 'manifests'} ${escapeMarkdown(document.source.context)}`
        : 'cluster';
  push(`## ${VERDICT_MARK[verdict]} Shipshape: ${VERDICT_LABELS[verdict]} (${where})`);
  push('');
  const { findings } = document.summary;
  push(
    `${document.summary.namespaces} namespace${document.summary.namespaces === 1 ? '' : 's'} graded · ${findings.blocking} blocking · ${findings.fail} failing · ${findings.warn} warnings · ${findings.waived} waived${document.partial ? ' · **partial: part of the input could not be read**' : ''}`,
  );
  push('');
  push('| Namespace | Grade | Score | Verdict |');
  push('| --- | --- | --- | --- |');
  list(
    document.namespaces.map(
      (namespace) =>
        `| ${escapeMarkdown(namespace.namespace)} | ${namespace.score.grade ?? 'N/A'} | ${namespace.score.value ?? 'N/A'} | ${VERDICT_MARK[namespace.verdict]} ${namespace.verdictLabel}${namespace.partial ? ' (partial)' : ''} |`,
    ),
    'namespaces',
  );
  push('');

  for (const namespace of document.namespaces) if (namespace.signOff) signOffSection(namespace.namespace, namespace.signOff, push, list);

  const blocking: string[] = [];
  const rest = new Map<string, string[]>();
  const waived: string[] = [];
  const notEvaluated: string[] = [];
  for (const namespace of document.namespaces) {
    const lines: string[] = [];
    for (const check of namespace.checks) {
      if (check.status === 'not-evaluated' && check.reason !== 'not-applicable')
        notEvaluated.push(
          `- **${escapeMarkdown(namespace.namespace)}** · ${escapeMarkdown(check.title)}: ${check.reason}${check.reasonDetail ? `, ${escapeMarkdown(check.reasonDetail)}` : ''}`,
        );
      for (const finding of check.findings) {
        const line = `- **${escapeMarkdown(namespace.namespace)}** · ${escapeMarkdown(check.title)} · ${objectText(finding)}: ${escapeMarkdown(finding.message)}`;
        if (finding.status === 'fail' && check.severity === 'blocking' && !check.observed)
          blocking.push(finding.fix ? `${line}${fixDetails(finding.fix)}` : line);
        else if (finding.status === 'fail' || finding.status === 'warn')
          lines.push(`${line}${finding.status === 'warn' ? ' _(warning)_' : ''}${check.observed ? ' _(observed, not graded)_' : ''}`);
        else if (finding.status === 'waived' && finding.waiver)
          waived.push(
            `${line}. Waived: ${escapeMarkdown(finding.waiver.reason)} (approved by ${escapeMarkdown(finding.waiver.approvedBy)}, until ${escapeMarkdown(finding.waiver.expires)})`,
          );
      }
    }
    if (lines.length > 0) rest.set(namespace.namespace, lines);
  }

  push(`### Blocking findings (${blocking.length})`);
  push('');
  if (blocking.length === 0) push('None.');
  // Half the room at most, so the other sections still show what else was found.
  else list(blocking, 'blocking findings', (limit - RESERVE) / 2);
  push('');

  let sectionsLeftOut = 0;
  let linesLeftOut = 0;
  const section = (summary: string, lines: readonly string[], what: string) => {
    // A section whose heading and first line no longer fit is left out whole, and counted.
    const opening = `<details>\n<summary>${summary}</summary>\n\n${lines[0] ?? ''}\n\n</details>\n`;
    if (!budget.fits(opening)) {
      sectionsLeftOut += 1;
      linesLeftOut += lines.length;
      return;
    }
    budget.used -= opening.length + 1;
    push('<details>');
    push(`<summary>${summary}</summary>`);
    push('');
    list(lines, what);
    push('');
    push('</details>');
    push('');
  };
  for (const [namespace, lines] of rest) section(`Other findings in ${escapeMarkdown(namespace)} (${lines.length})`, lines, 'findings');
  if (waived.length > 0) section(`Waived findings (${waived.length})`, waived, 'waived findings');
  if (notEvaluated.length > 0) section(`Not evaluated (${notEvaluated.length})`, notEvaluated, 'checks');
  const notGraded = [
    ...document.skipped.map((entry) => `- ${escapeMarkdown(entry.namespace)}: ${escapeMarkdown(entry.detail)}`),
    ...document.manifestErrors.map(
      (error) => `- ${escapeMarkdown(error.file)}${error.line ? `:${error.line}` : ''}: ${escapeMarkdown(error.message)}`,
    ),
  ];
  if (notGraded.length > 0) section(`Not graded (${notGraded.length})`, notGraded, 'entries');

  if (sectionsLeftOut > 0)
    push(
      `… and ${sectionsLeftOut} more section${sectionsLeftOut === 1 ? '' : 's'} (${linesLeftOut} more lines), not shown here to stay under the comment size limit: see the JSON or SARIF report.`,
    );
  push('');
  push(
    `<sub>Shipshape ${escapeMarkdown(document.tool.version)} · evaluated ${escapeMarkdown(document.evaluatedAt)} · API versions judged against Kubernetes ${escapeMarkdown(document.kubernetesVersion.version)} · ${escapeMarkdown(document.scoreFormula)}</sub>`,
  );
  return `${out.join('\n')}\n`;
}
