/**
 * Go-live reviews on the command line, read the way `audit` reads everything else (files and
 * folders with their review folders, or a kubeconfig context through the live read):
 *
 *   shipshape reviews <files or folders…> | --context NAME  --namespace NAME [--format text|json]
 *   shipshape since-signoff <files or folders…> | --context NAME  --namespace NAME
 *             [--format text|json|markdown] [--fail-on-new blocking|fail|warn]
 *
 * `reviews` lists the namespace's reviews, newest first. `since-signoff` compares the namespace
 * now with its last sign-off and gates: exit 1 when it has failures new since then at the
 * `--fail-on-new` level (blocking by default), an accepted risk that expired counting as new.
 * Exit codes are audit's: 0 passed, 1 gate failed, 2 usage or configuration, 3 nothing to list or
 * compare (no such namespace, or never signed off), 4 cluster unreadable.
 */
import { parseArgs } from 'node:util';
import type { NamespaceReport } from '../lib/checks/evaluate';
import { visibleText } from '../lib/cluster-text';
import { accessGapFor, type Inventory } from '../lib/inventory';
import { escapeMarkdown } from '../lib/report/markdown';
import { configDigest } from '../lib/review/config-digest';
import { newestFirst } from '../lib/review/names';
import { fromReviewObject } from '../lib/review/schema';
import { type SinceSignOffDetail, sinceSignOff } from '../lib/review/since-signoff';
import { REVIEW_KIND, type ReadinessReview } from '../lib/review/types';
import type { CliArgs, FailOn } from './args';
import { type CliEnv, type CliIo, EXIT, type Graded, gradeFiles, loadCliConfig, TOOL_VERSION } from './run';

type Command = 'reviews' | 'since-signoff';

export const REVIEWS_USAGE = `usage: shipshape reviews <files or folders…> | --context NAME  --namespace NAME [--format text|json] [--config FILE]
       shipshape since-signoff <files or folders…> | --context NAME  --namespace NAME
                 [--format text|json|markdown] [--fail-on-new blocking|fail|warn] [--config FILE]

Reviews are read with the objects: from the files given and their review folders (SHIPSHAPE_REVIEW_DIR,
else <folder>.reviews beside each), or from the context's ReadinessReview objects.

  --fail-on-new blocking|fail|warn   since-signoff: what fails the gate when new since the sign-off
                                     (default blocking: a failing blocking check)

exit codes: 0 gate passed (or listed) · 1 new failures at the --fail-on-new level · 2 usage or configuration error
            3 nothing to list or compare: no such namespace, or never signed off · 4 cluster unreadable`;

interface ReviewArgs {
  targets: string[];
  context?: string;
  namespace: string;
  format: 'text' | 'json' | 'markdown';
  config?: string;
  failOnNew: FailOn;
}

function parseReviewArgs(command: Command, argv: readonly string[]): { args: ReviewArgs } | { help: true } | { message: string } {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...argv],
      options: {
        context: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        format: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...(command === 'since-signoff' ? { 'fail-on-new': { type: 'string' as const } } : {}),
      },
      allowPositionals: true,
      strict: true,
    });
  try {
    parsed = parse();
  } catch (error) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const context = values.context as string | undefined;
  if (context !== undefined && positionals.length > 0)
    return { message: `read files or a cluster, not both: --context given with ${positionals.join(' ')}` };
  if (context === undefined && positionals.length === 0) return { message: 'no folder, file or --context to read reviews from' };
  if (context !== undefined && context.trim() === '') return { message: '--context needs a name' };
  const namespace = (values.namespace as string | undefined)?.trim();
  if (!namespace) return { message: `${command} needs --namespace NAME: reviews belong to one namespace` };
  const formats = command === 'reviews' ? ['text', 'json'] : ['text', 'json', 'markdown'];
  const format = (values.format as string | undefined) ?? 'text';
  if (!formats.includes(format)) return { message: `unknown --format ${JSON.stringify(format)}: one of ${formats.join(', ')}` };
  const failOnNew = (values['fail-on-new'] as string | undefined) ?? 'blocking';
  if (failOnNew !== 'blocking' && failOnNew !== 'fail' && failOnNew !== 'warn')
    return { message: `unknown --fail-on-new ${JSON.stringify(failOnNew)}: one of blocking, fail, warn` };
  const config = values.config as string | undefined;
  if (config !== undefined && config.trim() === '') return { message: '--config needs a file' };
  return {
    args: {
      targets: positionals,
      ...(context !== undefined ? { context } : {}),
      namespace,
      format: format as ReviewArgs['format'],
      ...(config !== undefined ? { config } : {}),
      failOnNew,
    },
  };
}

/** Run `reviews` or `since-signoff` (argv after the command word). */
export async function runReviewCommand(command: Command, argv: readonly string[], env: CliEnv, io: CliIo): Promise<number> {
  const error = (message: string) => io.stderr(`shipshape: ${message}\n`);
  const parsed = parseReviewArgs(command, argv);
  if ('help' in parsed) {
    io.stdout(`${REVIEWS_USAGE}\n`);
    return EXIT.ready;
  }
  if ('message' in parsed) {
    error(parsed.message);
    io.stderr(`${REVIEWS_USAGE}\n`);
    return EXIT.unusable;
  }
  const { args } = parsed;
  const found = await loadCliConfig(args.config, env, io, error);
  if (typeof found === 'number') return found;

  const auditArgs: CliArgs = {
    targets: args.targets,
    contexts: args.context !== undefined ? [args.context] : [],
    allContexts: false,
    outputs: [],
    namespaces: [args.namespace],
    failOn: 'blocking',
    failOnPartial: false,
  };
  let entry: Graded;
  if (args.targets.length > 0) {
    const files = await gradeFiles(auditArgs, found.config, found.location, env, io, error);
    if (typeof files === 'number') return files;
    entry = files;
  } else {
    // The live read (client-node) only when a context is asked for.
    const { gradeContexts } = await import('./live');
    const live = await gradeContexts(auditArgs, found.config, found.location, env, error, TOOL_VERSION);
    if (typeof live === 'number') return live;
    const [first] = live.graded;
    if (!first) return EXIT.unreadable;
    entry = first as Graded;
  }

  const gap = reviewsUnreadable(entry.inventory, args.namespace);
  if (gap) {
    // Never "no reviews yet" when they could not be read: a missing CRD or RBAC says so.
    error(`the reviews of ${visibleText(args.namespace)} cannot be read in ${entry.label}: ${gap}`);
    return EXIT.unreadable;
  }
  const { reviews, rejected } = namespaceReviews(entry, args.namespace);
  for (const message of rejected) error(message);
  const present = entry.inventory.namespaces.has(args.namespace);
  if (!present && reviews.length === 0) {
    error(`nothing to ${command === 'reviews' ? 'list' : 'compare'}: no namespace ${visibleText(args.namespace)} in ${entry.label}`);
    return EXIT.nothingGraded;
  }
  if (command === 'reviews') {
    io.stdout(
      args.format === 'json' ? renderReviewsJson(args.namespace, entry, reviews, rejected) : renderReviewsText(args.namespace, reviews),
    );
    return EXIT.ready;
  }

  const [last] = reviews;
  if (!last) {
    error(
      `nothing to compare: ${visibleText(args.namespace)} has never been signed off${rejected.length > 0 ? ' (its reviews are rejected, listed above)' : ''}`,
    );
    return EXIT.nothingGraded;
  }
  const report = entry.report.namespaces.find((namespace) => namespace.namespace === args.namespace);
  const namespaceInventory = entry.inventory.namespaces.get(args.namespace);
  if (!report || !namespaceInventory) {
    const skipped = entry.report.skipped.find((skip) => skip.namespace === args.namespace);
    error(`nothing to compare: ${visibleText(args.namespace)} is not graded${skipped ? ` (${skipped.detail})` : ''}`);
    return EXIT.nothingGraded;
  }
  const since = sinceSignOff(last, report, namespaceInventory, configDigest(found.config), new Date());
  const gate = judgeSince(since, report, args.failOnNew);
  const text =
    args.format === 'json'
      ? renderSinceJson(args.namespace, entry, since, gate, args.failOnNew)
      : args.format === 'markdown'
        ? renderSinceMarkdown(args.namespace, since, gate)
        : renderSinceText(args.namespace, since, gate, args.failOnNew);
  io.stdout(text);
  if (!gate.passed)
    error(
      `gate failed (--fail-on-new ${args.failOnNew}): ${gate.counted.length} ${levelNoun(args.failOnNew, gate.counted.length)} new since ${last.name}`,
    );
  return gate.passed ? EXIT.ready : EXIT.notReady;
}

/** Why the namespace's reviews could not be read (the live read's access gap for ReadinessReview), or undefined. */
export function reviewsUnreadable(inventory: Inventory, namespace: string): string | undefined {
  const gap = accessGapFor(inventory, REVIEW_KIND, namespace);
  return gap ? gap.message || gap.reason : undefined;
}

/** The namespace's valid reviews newest first, and one message per review object that is not one. */
function namespaceReviews(entry: Graded, namespace: string): { reviews: ReadinessReview[]; rejected: string[] } {
  const reviews: ReadinessReview[] = [];
  const rejected: string[] = [];
  for (const object of entry.inventory.reviews?.get(namespace) ?? []) {
    const parsed = fromReviewObject(object);
    const name = typeof object.metadata?.name === 'string' ? visibleText(object.metadata.name.slice(0, 80)) : 'without a name';
    if (parsed.ok) reviews.push(parsed.review);
    else rejected.push(`ReadinessReview ${name} in ${visibleText(namespace)} is rejected: ${parsed.problems.join('; ')}`);
  }
  return { reviews: reviews.sort(newestFirst), rejected };
}

interface Counted {
  checkId: string;
  object: string;
  status: 'fail' | 'warn';
  expired?: true;
}

/**
 * What counts against the gate: new failures at the level, and findings whose accepted risk
 * expired (accepted at sign-off, failing again now), which are new since the sign-off too.
 */
function judgeSince(since: SinceSignOffDetail, report: NamespaceReport, level: FailOn): { passed: boolean; counted: Counted[] } {
  const severityOf = new Map(report.items.map((item) => [item.checkId, item.severity]));
  const atLevel = (status: 'fail' | 'warn', checkId: string) =>
    level === 'warn' || (status === 'fail' && (level === 'fail' || severityOf.get(checkId) === 'blocking'));
  const counted: Counted[] = since.newFailures
    .filter((failure) => atLevel(failure.status, failure.checkId))
    .map(({ checkId, object, status }) => ({ checkId, object, status }));
  for (const risk of since.expiredRisks) {
    const item = report.items.find((candidate) => candidate.checkId === risk.checkId);
    for (const finding of item?.findings ?? []) {
      if (finding.status !== 'fail' && finding.status !== 'warn') continue;
      if (risk.object && (risk.object.kind !== finding.object.kind || risk.object.name !== finding.object.name)) continue;
      if (atLevel(finding.status, risk.checkId))
        counted.push({
          checkId: risk.checkId,
          object: `${finding.object.kind}/${finding.object.name}`,
          status: finding.status,
          expired: true,
        });
    }
  }
  return { passed: counted.length === 0, counted };
}

function levelNoun(level: FailOn, count: number): string {
  const noun = level === 'blocking' ? 'blocking failure' : level === 'fail' ? 'failing finding' : 'failing or warning finding';
  return count === 1 ? noun : `${noun}s`;
}

const shown = (text: string) => visibleText(text.length > 200 ? `${text.slice(0, 200)}…` : text);

function signerText(review: Pick<ReadinessReview, 'signer'>): string {
  return `${shown(review.signer.username)} (${review.signer.verified ? 'verified by the cluster' : 'not verified'})`;
}

function renderReviewsText(namespace: string, reviews: readonly ReadinessReview[]): string {
  if (reviews.length === 0) return `${shown(namespace)}: no reviews yet.\n`;
  const lines = [`${shown(namespace)}: ${reviews.length} review${reviews.length === 1 ? '' : 's'}, newest first`];
  for (const review of reviews) {
    const score = review.result.score === null ? 'N/A' : `${review.result.grade} ${review.result.score}`;
    lines.push(`  ${review.name}  ${review.signedAt}  ${review.verdict}  signed by ${signerText(review)}  graded ${score}`);
    for (const risk of review.acceptedRisks)
      lines.push(
        `      accepted: ${risk.checkId}${risk.object ? ` on ${shown(`${risk.object.kind}/${risk.object.name}`)}` : ''} until ${risk.expires} by ${shown(risk.acceptedBy)}: ${shown(risk.reason)}`,
      );
    if (review.fixBeforeGoLive.length > 0) lines.push(`      to fix before go-live: ${review.fixBeforeGoLive.length}`);
    const note = review.notes.split('\n')[0];
    if (note) lines.push(`      notes: ${shown(note)}${review.notes.includes('\n') ? ' …' : ''}`);
  }
  lines.push(`shipshape: ${reviews.length} review${reviews.length === 1 ? '' : 's'} of ${shown(namespace)} · newest ${reviews[0]?.name}`);
  return `${lines.join('\n')}\n`;
}

function renderReviewsJson(namespace: string, entry: Graded, reviews: readonly ReadinessReview[], rejected: readonly string[]): string {
  return `${JSON.stringify({ schemaVersion: 1, kind: 'reviews', source: entry.label, namespace, reviews, rejected }, null, 2)}\n`;
}

function renderSinceText(namespace: string, since: SinceSignOffDetail, gate: ReturnType<typeof judgeSince>, level: FailOn): string {
  const { review } = since;
  const lines = [
    `${shown(namespace)} since ${review.name}: signed ${review.signedAt} by ${signerText(review)}, verdict ${review.verdict}`,
    since.holds ? 'The sign-off holds.' : `The sign-off no longer holds: ${since.reasons.join('; ')}.`,
  ];
  const section = (title: string, entries: readonly string[]) => {
    if (entries.length === 0) return;
    lines.push('', `${title} (${entries.length})`, ...entries.map((entry) => `  ${entry}`));
  };
  section(
    'New failures',
    since.newFailures.map(
      (failure) =>
        `${failure.status === 'fail' ? '✗' : '!'} ${failure.checkId}  ${shown(failure.object)}  ${failure.status} (${failure.severity})`,
    ),
  );
  section(
    'Accepted risks expired',
    since.expiredRisks.map(
      (risk) =>
        `! ${risk.checkId}${risk.object ? ` on ${shown(`${risk.object.kind}/${risk.object.name}`)}` : ''}: expired ${risk.expires} (accepted by ${shown(risk.acceptedBy)}: ${shown(risk.reason)})`,
    ),
  );
  section(
    'Fixed',
    since.fixed.map((fix) => `✓ ${fix.checkId}  ${shown(fix.object)}`),
  );
  section('Objects added', since.objectsAdded.map(shown));
  section('Objects removed', since.objectsRemoved.map(shown));
  lines.push(
    '',
    `Configuration: ${since.configChanged ? 'changed since the sign-off' : 'unchanged'}; graded ${since.verdictThen} then, ${since.verdictNow} now.`,
  );
  const summary = [
    `${since.newFailures.length} new failure${since.newFailures.length === 1 ? '' : 's'}`,
    `${since.fixed.length} fixed`,
    `${since.expiredRisks.length} expired risk${since.expiredRisks.length === 1 ? '' : 's'}`,
    since.holds ? 'sign-off holds' : 'sign-off no longer holds',
    gate.passed ? 'gate passed' : `gate failed (--fail-on-new ${level})`,
  ];
  lines.push(`shipshape: ${shown(namespace)} since ${review.name} · ${summary.join(' · ')}`);
  return `${lines.join('\n')}\n`;
}

function renderSinceJson(
  namespace: string,
  entry: Graded,
  since: SinceSignOffDetail,
  gate: ReturnType<typeof judgeSince>,
  level: FailOn,
): string {
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      kind: 'since-signoff',
      source: entry.label,
      namespace,
      ...since,
      gate: { failOnNew: level, passed: gate.passed, counted: gate.counted },
    },
    null,
    2,
  )}\n`;
}

function renderSinceMarkdown(namespace: string, since: SinceSignOffDetail, gate: ReturnType<typeof judgeSince>): string {
  const { review } = since;
  const lines = [
    `## ${since.holds ? '✅' : '❌'} ${escapeMarkdown(namespace)} since ${escapeMarkdown(review.name)}`,
    '',
    `Signed ${escapeMarkdown(review.signedAt)} by **${escapeMarkdown(review.signer.username)}** (${review.signer.verified ? 'verified by the cluster' : 'not verified'}), verdict **${escapeMarkdown(review.verdict)}**.`,
    '',
    since.holds ? 'The sign-off holds.' : `**The sign-off no longer holds:** ${since.reasons.map(escapeMarkdown).join('; ')}.`,
  ];
  const table = (title: string, header: string, rows: readonly string[]) => {
    if (rows.length === 0) return;
    lines.push('', `### ${title} (${rows.length})`, '', header, header.replace(/[^|]+/g, ' --- '), ...rows);
  };
  table(
    'New failures',
    '| Check | Object | Status |',
    since.newFailures.map(
      (failure) => `| ${escapeMarkdown(failure.checkId)} | ${escapeMarkdown(failure.object)} | ${failure.status} (${failure.severity}) |`,
    ),
  );
  table(
    'Accepted risks expired',
    '| Check | Object | Expired | Accepted by | Reason |',
    since.expiredRisks.map(
      (risk) =>
        `| ${escapeMarkdown(risk.checkId)} | ${risk.object ? escapeMarkdown(`${risk.object.kind}/${risk.object.name}`) : 'whole namespace'} | ${risk.expires} | ${escapeMarkdown(risk.acceptedBy)} | ${escapeMarkdown(risk.reason)} |`,
    ),
  );
  table(
    'Fixed',
    '| Check | Object |',
    since.fixed.map((fix) => `| ${escapeMarkdown(fix.checkId)} | ${escapeMarkdown(fix.object)} |`),
  );
  const objects = (title: string, names: readonly string[]) => {
    if (names.length > 0)
      lines.push(
        '',
        `<details><summary>${title} (${names.length})</summary>`,
        '',
        ...names.map((name) => `- ${escapeMarkdown(name)}`),
        '',
        '</details>',
      );
  };
  objects('Objects added', since.objectsAdded);
  objects('Objects removed', since.objectsRemoved);
  lines.push(
    '',
    `Configuration ${since.configChanged ? '**changed** since the sign-off' : 'unchanged'}. Gate ${gate.passed ? 'passed' : 'failed'}.`,
  );
  return `${lines.join('\n')}\n`;
}
