import { describe, expect, it } from 'vitest';
import type { NamespaceReport } from '../checks/evaluate';
import type { ChecklistItem } from '../checks/types';
import { MAX_FORM_FINDINGS, openFindings, parseSignOffForm } from './sign-off-form';

const NOW = new Date('2026-12-01T12:00:00Z');

function item(checkId: string, severity: ChecklistItem['severity'], findings: ChecklistItem['findings']): ChecklistItem {
  return { checkId, principle: 'probes', severity, status: 'fail', findings, counts: { pass: 0, warn: 0, fail: findings.length } };
}

const REPORT = {
  namespace: 'shop',
  items: [
    item('requests-set', 'major', [
      { object: { kind: 'Deployment', name: 'web' }, status: 'warn', message: 'no memory request' },
      { object: { kind: 'Deployment', name: 'api' }, status: 'pass', message: 'requests set' },
    ]),
    item('readiness-probe', 'blocking', [{ object: { kind: 'Deployment', name: 'web' }, status: 'fail', message: 'no readiness probe' }]),
    item('pdb', 'minor', [
      {
        object: { kind: 'Deployment', name: 'web' },
        status: 'waived',
        waivedStatus: 'fail',
        message: 'no PDB',
        waiver: { state: 'active', reason: 'r', approvedBy: 'a', expires: '2027-01-01', source: 'annotation' },
      },
    ]),
  ],
} as unknown as NamespaceReport;

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) for (const one of [value].flat()) data.append(name, one);
  return data;
}

const ROWS = ['readiness-probe Deployment/web', 'requests-set Deployment/web'];

describe('openFindings', () => {
  it('lists failing and warning findings, blocking first, leaving passes and waived findings out', () => {
    expect(openFindings(REPORT).map((finding) => [finding.key, finding.severity, finding.status])).toEqual([
      ['readiness-probe Deployment/web', 'blocking', 'fail'],
      ['requests-set Deployment/web', 'major', 'warn'],
    ]);
  });
});

describe('parseSignOffForm', () => {
  const open = openFindings(REPORT);

  it('turns fix and accept rows into decisions, the signer accepting when nobody else is named', () => {
    const parsed = parseSignOffForm(
      form({
        row: ROWS,
        'decision.0': 'accept',
        'reason.0': 'probe lands in the next release',
        'expires.0': '2026-12-31',
        'acceptedBy.0': '',
        'decision.1': 'fix',
        verdict: 'not-ready',
        notes: 'fix requests first',
        previous: 'shop-20261130-abc',
      }),
      open,
      { now: NOW, verifiedSigner: 'team@example.com' },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.decisions).toEqual({
      verdict: 'not-ready',
      notes: 'fix requests first',
      previous: 'shop-20261130-abc',
      decisions: [
        {
          checkId: 'readiness-probe',
          object: { kind: 'Deployment', name: 'web' },
          decision: 'accept',
          reason: 'probe lands in the next release',
          expires: '2026-12-31',
          acceptedBy: 'team@example.com',
        },
        { checkId: 'requests-set', object: { kind: 'Deployment', name: 'web' }, decision: 'fix' },
      ],
    });
  });

  it('takes the typed name as an unverified claim in snapshot mode, and requires one', () => {
    const rows = { row: ROWS, 'decision.0': 'fix', 'decision.1': 'fix', verdict: 'not-ready' };
    const claimed = parseSignOffForm(form({ ...rows, signer: 'Dana' }), open, { now: NOW });
    expect(claimed.ok && claimed.decisions.claimedSigner).toBe('Dana');
    const anonymous = parseSignOffForm(form(rows), open, { now: NOW });
    expect(anonymous.ok).toBe(false);
    expect(!anonymous.ok && anonymous.problems).toContain('type your name as the signer (snapshot mode cannot verify it)');
  });

  it('names each bad field with its finding and gives the typed input back', () => {
    const parsed = parseSignOffForm(
      form({
        row: ROWS,
        'decision.0': 'accept',
        'reason.0': '   ',
        'expires.0': '2026-11-30',
        'decision.1': 'accept',
        'reason.1': 'x'.repeat(501),
        'expires.1': '2028-01-01',
        verdict: 'maybe',
        notes: 'n'.repeat(5000),
        previous: '../etc',
      }),
      open,
      { now: NOW, verifiedSigner: 'team' },
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        'choose a verdict: ready, ready with accepted risks, or not ready',
        'the notes are longer than 4000 characters',
        'the review this one follows is not a valid review name',
        'readiness-probe on Deployment/web: an accepted risk needs a reason',
        'readiness-probe on Deployment/web: the expiry date has passed',
        'requests-set on Deployment/web: the reason is longer than 500 characters',
        'requests-set on Deployment/web: the expiry date is more than 366 days away',
      ]),
    );
    // Echoed bounded: one character past the limit, so the page can show the length error.
    expect(parsed.fields.notes).toHaveLength(4001);
    expect(parsed.fields.rows['readiness-probe Deployment/web']).toEqual({
      decision: 'accept',
      reason: '   ',
      expires: '2026-11-30',
      acceptedBy: '',
    });
  });

  it('names findings that appeared or went away since the page was opened', () => {
    const parsed = parseSignOffForm(
      form({
        row: ['readiness-probe Deployment/web', 'gone-check Deployment/old'],
        'decision.0': 'fix',
        'decision.1': 'fix',
        verdict: 'not-ready',
      }),
      open,
      { now: NOW, verifiedSigner: 't' },
    );
    expect(!parsed.ok && parsed.problems).toEqual([
      'gone-check Deployment/old is no longer an open finding: reload the review to see the current findings',
      '1 finding appeared since the review was opened (first: requests-set Deployment/web): reload the review and decide it',
    ]);
  });

  it('bounds the number of rows it reads', () => {
    const parsed = parseSignOffForm(
      form({ row: Array.from({ length: MAX_FORM_FINDINGS + 5 }, (_, i) => `c Deployment/d${i}`), verdict: 'not-ready' }),
      open,
      {
        now: NOW,
        verifiedSigner: 't',
      },
    );
    expect(parsed.ok).toBe(false);
    expect(Object.keys(parsed.fields.rows)).toHaveLength(MAX_FORM_FINDINGS + 1);
  });
});
