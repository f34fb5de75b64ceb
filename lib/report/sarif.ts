/**
 * SARIF 2.1.0 for code scanning: one rule per check in the catalog, one result per failing,
 * warning or waived finding. Input read from files carries the physical location (the manifest
 * file, relative, and the line and column where the object starts); every result also carries a
 * logical location (context/namespace/Kind/name), which is all a live cluster has. Where a finding
 * names the offending field and the input is a file, the region is that field's line and column,
 * with the object's start as a related location. A finding's per-object fix (kubectl line and YAML)
 * is in the result's `properties.fix` and its markdown message; SARIF's own `fixes` are file edits,
 * which a fix for a cluster object is not.
 *
 * `security-severity` is what GitHub code scanning ranks by (critical ≥ 9, high 7–8.9, medium
 * 4–6.9, low < 4): blocking 8.0 (high: it stops go-live on its own, but none of these is a live
 * exploit, so not critical), major 5.0 (medium), minor 2.0 (low).
 */
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { CATALOG } from '../checks/catalog';
import type { Severity } from '../checks/types';
import { findingIdentity } from './identity';
import type { ReportCheck, ReportDocument, ReportFinding, ReportNamespace } from './model';

export const SECURITY_SEVERITY: Record<Severity, string> = { blocking: '8.0', major: '5.0', minor: '2.0' };

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(check: ReportCheck, finding: ReportFinding): Result.level {
  const status = finding.status === 'waived' ? finding.waivedStatus : finding.status;
  if (status === 'warn') return 'note';
  return check.severity === 'blocking' ? 'error' : 'warning';
}

function rules(): ReportingDescriptor[] {
  return CATALOG.map((check) => ({
    id: check.id,
    // SARIF wants a readable name distinct from the id (SARIF1001): the id in PascalCase.
    name: check.id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    helpUri: check.docs,
    help: {
      text: `${check.remediation.summary}\n\n${check.remediation.snippet}`,
      markdown: `${check.remediation.summary}\n\n\`\`\`yaml\n${check.remediation.snippet.replaceAll('```', '` ` `')}\n\`\`\`\n\n[Kubernetes documentation](${check.docs})`,
    },
    defaultConfiguration: { level: check.severity === 'blocking' ? 'error' : 'warning' },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.severity],
      tags: ['kubernetes', check.principle, check.severity],
      precision: 'high',
    },
  }));
}

function locations(document: ReportDocument, namespace: ReportNamespace, finding: ReportFinding): Location[] {
  const { kind, name } = finding.object;
  const context = document.source.kind === 'live' ? document.source.context : null;
  const logical = {
    logicalLocations: [
      {
        name,
        kind: 'resource',
        fullyQualifiedName: [context, namespace.namespace, kind, name].filter((part) => part !== null).join('/'),
      },
    ],
  };
  if (!finding.location) return [logical];
  const at = finding.fieldLocation ?? finding.location;
  return [
    {
      physicalLocation: {
        artifactLocation: artifactOf(finding.location.file),
        region: { startLine: at.line, startColumn: at.column },
      },
      ...logical,
    },
  ];
}

const artifactOf = (file: string) => ({ uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' });

/** Markdown punctuation escaped, so a name cannot open a link, a tag or emphasis. */
const escapeInline = (text: string) => text.replace(/([\\`*_[\]{}()#+\-.!|~<>])/g, '\\$1');

/** A code fence that no run of backticks in `content` can close. */
function fenced(content: string, language: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/** The object's fix in the result: machine-readable in properties, readable in the markdown message. */
function fixParts(text: string, finding: ReportFinding): Pick<Result, 'message' | 'relatedLocations'> & { fix?: object } {
  const related: Pick<Result, 'relatedLocations'> =
    finding.fieldLocation && finding.location
      ? {
          relatedLocations: [
            {
              id: 1,
              physicalLocation: {
                artifactLocation: artifactOf(finding.location.file),
                region: { startLine: finding.location.line, startColumn: finding.location.column },
              },
              message: { text: `${finding.object.kind}/${finding.object.name} starts here` },
            },
          ],
        }
      : {};
  if (!finding.fix) return { message: { text }, ...related };
  const { note, command, yaml } = finding.fix;
  const markdown = [
    escapeInline(text),
    '',
    `**Fix for this object:** ${escapeInline(note)}`,
    ...(command ? ['', fenced(command, 'sh')] : []),
    '',
    fenced(yaml, 'yaml'),
  ].join('\n');
  return { message: { text, markdown }, ...related, fix: { note, ...(command ? { command } : {}), yaml } };
}

export function renderSarif(document: ReportDocument): string {
  const ruleIndex = new Map(CATALOG.map((check, index) => [check.id, index]));
  const results: Result[] = [];
  for (const namespace of document.namespaces)
    for (const check of namespace.checks) {
      if (check.observed) continue;
      for (const finding of check.findings) {
        if (finding.status === 'pass') continue;
        const { fix, ...described } = fixParts(
          `${finding.object.kind}/${finding.object.name} in namespace ${namespace.namespace}: ${finding.message}`,
          finding,
        );
        const result: Result = {
          ruleId: check.checkId,
          level: level(check, finding),
          ...described,
          locations: locations(document, namespace, finding),
          partialFingerprints: { 'shipshapeFinding/v1': findingIdentity(namespace, check, finding) },
          properties: {
            namespace: namespace.namespace,
            status: finding.status,
            ...(finding.field ? { field: finding.field } : {}),
            ...(fix ? { fix } : {}),
          },
        };
        const index = ruleIndex.get(check.checkId);
        if (index !== undefined) result.ruleIndex = index;
        if (finding.status === 'waived' && finding.waiver)
          result.suppressions = [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${finding.waiver.reason} (approved by ${finding.waiver.approvedBy}, until ${finding.waiver.expires}; ${finding.waiver.source})`,
            },
          ];
        results.push(result);
      }
    }
  const notEvaluated = document.namespaces.flatMap((namespace) =>
    namespace.checks
      .filter((check) => check.status === 'not-evaluated' && check.reason !== 'not-applicable')
      .map((check) => ({
        level: 'warning' as const,
        message: {
          text: `${check.title} was not evaluated in namespace ${namespace.namespace} (${check.reason}${check.reasonDetail ? `: ${check.reasonDetail}` : ''})`,
        },
        associatedRule: { id: check.checkId },
      })),
  );
  const inputProblems = document.manifestErrors.map((error) => ({
    level: 'error' as const,
    message: { text: `${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactOf(error.file),
          ...(error.line ? { region: { startLine: error.line } } : {}),
        },
      },
    ],
  }));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Shipshape', version: document.tool.version, semanticVersion: document.tool.version, rules: rules() } },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: document.evaluatedAt,
            toolExecutionNotifications: [...notEvaluated, ...inputProblems],
          },
        ],
        ...(document.source.kind === 'files'
          ? { originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory the audit ran in.' } } } }
          : {}),
        results,
        properties: { schemaVersion: document.schemaVersion, scope: document.scope, partial: document.partial },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
