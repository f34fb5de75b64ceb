import { describe, expect, it } from 'vitest';
import { coverageProblems, expectationLines, parseExpectations, resultOf } from './expectations';

const FILE = 'expected.yaml';

/** One entry with the given `checks:` block (indented as in expected.yaml). */
const entryWith = (checks: string) =>
  [
    '- name: web.yaml',
    '  files: [web.yaml]',
    '  namespace: default',
    '  grade:',
    '    score: 64',
    '    grade: D',
    '    verdict: not-ready',
    '    blocking: [readiness-probe]',
    '    reason: no readiness probe',
    '  checks:',
    checks,
    '',
  ].join('\n');

const VALID = entryWith(
  [
    '    readiness-probe:',
    '      status: fail',
    '      fail: [StatefulSet/web]',
    '      reason: the container has no readinessProbe',
    '    cpu-limit:',
    '      status: warn',
    '      warn: ["ClusterRole/system:web"]',
    '      reason: no CPU limit',
    '    ingress-tls:',
    '      status: not-evaluated',
    '      reason: no Ingress',
  ].join('\n'),
);

describe('parseExpectations', () => {
  it('reads entries and their checks', () => {
    const [entry] = parseExpectations(VALID, FILE);
    expect(entry?.name).toBe('web.yaml');
    expect(entry?.grade).toEqual({
      score: 64,
      grade: 'D',
      verdict: 'not-ready',
      blocking: ['readiness-probe'],
      reason: 'no readiness probe',
    });
    expect(Object.keys(entry?.checks ?? {})).toEqual(['readiness-probe', 'cpu-limit', 'ingress-tls']);
  });

  it('names the line and field of each problem', () => {
    const text = entryWith(
      [
        '    readiness-probe:',
        '      status: fails',
        '      reason: the container has no readinessProbe',
        '    cpu-limit:',
        '      status: pass',
        '      warn: [StatefulSet/web]',
        '      reason: TODO',
        '    ingress-tls:',
        '      status: fail',
        '      reason: no Ingress',
        '      note: extra',
      ].join('\n'),
    );
    expect(() => parseExpectations(text, FILE)).toThrow(
      [
        'expected.yaml does not fit its schema:',
        'expected.yaml:12: 0.checks.readiness-probe.status: Invalid option: expected one of "pass"|"warn"|"fail"|"not-evaluated"',
        'expected.yaml:17: 0.checks.cpu-limit.reason: replace the TODO with why: the manifest line, or its absence, that decides it',
        'expected.yaml:16: 0.checks.cpu-limit.warn: a check that is pass flags no object: remove the list',
        'expected.yaml:18: 0.checks.ingress-tls: Unrecognized key: "note"',
        'expected.yaml:19: 0.checks.ingress-tls.status: a check that fails lists the objects that fail (fail: [Kind/name, …])',
      ].join('\n'),
    );
  });

  it('refuses a status its objects contradict', () => {
    const problems = (checks: string) => {
      try {
        parseExpectations(entryWith(checks), FILE);
        return [];
      } catch (error) {
        return (error as Error).message.split('\n').slice(1);
      }
    };
    expect(problems('    cpu-limit:\n      status: pass\n      warn: [StatefulSet/web]\n      reason: no limit')).toEqual([
      'expected.yaml:13: 0.checks.cpu-limit.warn: a check that is pass flags no object: remove the list',
    ]);
    expect(problems('    cpu-limit:\n      status: fail\n      reason: no limit')).toEqual([
      'expected.yaml:12: 0.checks.cpu-limit.status: a check that fails lists the objects that fail (fail: [Kind/name, …])',
    ]);
    expect(
      problems('    cpu-limit:\n      status: warn\n      warn: [StatefulSet/web]\n      fail: [StatefulSet/web]\n      reason: x'),
    ).toEqual([
      'expected.yaml:14: 0.checks.cpu-limit.fail: a check that warns has no failing object: make it fail, or move them to warn',
      'expected.yaml:13: 0.checks.cpu-limit.warn: StatefulSet/web is listed under both fail and warn: keep it under one',
    ]);
    expect(problems('    cpu-limit:\n      status: warn\n      warn: [web]\n      reason: x')).toEqual([
      'expected.yaml:13: 0.checks.cpu-limit.warn.0: name an object as Kind/name, e.g. Deployment/web',
    ]);
  });

  it('refuses two entries of one name, and YAML that does not parse', () => {
    expect(() => parseExpectations(VALID + VALID, FILE)).toThrow('expected.yaml:22: 1.name: another entry is already called web.yaml');
    expect(() => parseExpectations(`${VALID}    cpu-limit:\n      status: pass\n      reason: twice\n`, FILE)).toThrow(
      /^expected.yaml is not valid YAML:\nMap keys must be unique at line 22, column 5/,
    );
  });
});

describe('coverageProblems', () => {
  const [entry] = parseExpectations(VALID, FILE);
  if (!entry) throw new Error('the valid fixture has no entry');

  it('prints the lines to add for a check the entry lacks, and where they go', () => {
    const reported = (id: string) =>
      id === 'liveness-probe' ? resultOf({ status: 'fail', fail: ['StatefulSet/web'], reason: 'x' }) : undefined;
    const problems = coverageProblems(entry, ['readiness-probe', 'liveness-probe', 'cpu-limit', 'ingress-tls'], (id) => {
      const result = reported(id);
      if (!result) throw new Error(`only liveness-probe is missing, not ${id}`);
      return result;
    });
    expect(problems).toEqual([
      [
        'entry web.yaml has no expectation for liveness-probe: add these lines after the readiness-probe block (the status and objects are' +
          ' what the check reports today: confirm them against the manifest, then write the reason):',
        '    liveness-probe:',
        '      status: fail',
        '      fail: [StatefulSet/web]',
        '      reason: TODO the manifest line, or its absence, that decides it',
      ].join('\n'),
    ]);
  });

  it('puts a missing first check first, and names ids the catalog does not have', () => {
    const problems = coverageProblems(entry, ['image-minimal-base', 'readiness-probe', 'cpu-limit'], () => ({
      status: 'pass',
      flagged: {},
    }));
    expect(problems).toEqual([
      expect.stringMatching(/^entry web.yaml has no expectation for image-minimal-base: add these lines first, under checks:/),
      'entry web.yaml expects ingress-tls, which is no check in the catalog: remove its block (or fix the id)',
    ]);
  });

  it('writes lines that parse back, once the reason is written', () => {
    const lines = expectationLines('cpu-limit', {
      status: 'fail',
      flagged: { 'Deployment/a': 'fail', 'ClusterRole/system:b': 'warn' },
    }).map((line) => line.replace('TODO the manifest line', 'the manifest line'));
    const [parsed] = parseExpectations(entryWith(lines.join('\n')), FILE);
    expect(parsed?.checks['cpu-limit']).toEqual({
      status: 'fail',
      fail: ['Deployment/a'],
      warn: ['ClusterRole/system:b'],
      reason: 'the manifest line, or its absence, that decides it',
    });
  });
});
