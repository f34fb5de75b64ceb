/**
 * JUnit XML, so CI systems show the grade as tests: a testsuite per graded namespace, a testcase
 * per check. A failing check is a failure listing its objects; a check not evaluated is skipped
 * with its reason; warnings and waived findings pass (JUnit has no third state) and are listed in
 * the case's system-out, so nothing is left out. Observed (live-state) checks never fail a case:
 * they are not part of the grade.
 *
 * Built with xmlbuilder2, which escapes every text and attribute; characters XML cannot hold at
 * all (control characters a hostile name might carry) are replaced, not passed through.
 */
import { create } from 'xmlbuilder2';
import type { ReportCheck, ReportDocument, ReportFinding } from './model';

const describeFinding = (finding: ReportFinding) => `${finding.object.kind}/${finding.object.name}: ${finding.message}`;

function waiverLine(finding: ReportFinding): string {
  const waiver = finding.waiver;
  return waiver
    ? `waived: ${describeFinding(finding)} (${waiver.reason}; approved by ${waiver.approvedBy}, until ${waiver.expires})`
    : `waived: ${describeFinding(finding)}`;
}

/** The case's outcome: failed (graded check with failing objects), skipped (not evaluated), else passed. */
export function junitOutcome(check: ReportCheck): 'failure' | 'skipped' | 'passed' {
  if (check.status === 'not-evaluated') return 'skipped';
  if (check.status === 'fail' && !check.observed) return 'failure';
  return 'passed';
}

export function renderJunit(document: ReportDocument): string {
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const totals = { tests: 0, failures: 0, skipped: 0 };
  for (const namespace of document.namespaces) {
    for (const check of namespace.checks) {
      totals.tests += 1;
      const outcome = junitOutcome(check);
      if (outcome === 'failure') totals.failures += 1;
      if (outcome === 'skipped') totals.skipped += 1;
    }
  }
  const suites = root.ele('testsuites', {
    name: 'Shipshape',
    tests: String(totals.tests),
    failures: String(totals.failures),
    errors: '0',
    skipped: String(totals.skipped),
    timestamp: document.evaluatedAt,
  });
  for (const namespace of document.namespaces) {
    const outcomes = namespace.checks.map(junitOutcome);
    const score = namespace.score.value === null ? 'N/A' : `${namespace.score.grade} ${namespace.score.value}`;
    const suite = suites.ele('testsuite', {
      name: namespace.namespace,
      tests: String(namespace.checks.length),
      failures: String(outcomes.filter((outcome) => outcome === 'failure').length),
      errors: '0',
      skipped: String(outcomes.filter((outcome) => outcome === 'skipped').length),
      timestamp: document.evaluatedAt,
    });
    const properties = suite.ele('properties');
    properties.ele('property', { name: 'verdict', value: namespace.verdictLabel });
    properties.ele('property', { name: 'score', value: score });
    if (document.source.context)
      properties.ele('property', { name: 'source', value: `${document.source.kind}: ${document.source.context}` });
    for (const check of namespace.checks) {
      const testcase = suite.ele('testcase', {
        name: `${check.title} (${check.checkId})`,
        classname: `shipshape.${namespace.namespace}.${check.principle}`,
        time: '0',
      });
      const outcome = junitOutcome(check);
      if (outcome === 'failure') {
        const failing = check.findings.filter((finding) => finding.status === 'fail');
        testcase
          .ele('failure', {
            message: `${check.severity}: ${failing.length} object${failing.length === 1 ? '' : 's'} fail${failing.length === 1 ? 's' : ''}`,
            type: check.severity,
          })
          .txt(failing.map(describeFinding).join('\n'));
      } else if (outcome === 'skipped') {
        testcase.ele('skipped', {
          message: `not evaluated (${check.reason ?? 'unknown'})${check.reasonDetail ? `: ${check.reasonDetail}` : ''}`,
        });
      }
      const notes = [
        ...(check.observed ? ['observed live state: shown beside the grade, not part of it'] : []),
        ...check.findings.filter((finding) => finding.status === 'warn').map((finding) => `warning: ${describeFinding(finding)}`),
        ...check.findings.filter((finding) => finding.status === 'waived').map(waiverLine),
        ...(check.observed
          ? check.findings.filter((finding) => finding.status === 'fail').map((finding) => `failing: ${describeFinding(finding)}`)
          : []),
      ];
      if (notes.length > 0) testcase.ele('system-out').txt(notes.join('\n'));
    }
  }
  return `${root.end({ prettyPrint: true })}\n`;
}
