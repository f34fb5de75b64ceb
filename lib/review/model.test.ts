import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_SHIPSHAPE_CONFIG, type ShipshapeConfig } from '../checks/config/parse';
import { evaluateCluster, type NamespaceReport } from '../checks/evaluate';
import { buildInventory, type NamespaceInventory } from '../inventory';
import type { KubeObject } from '../k8s/objects';
import { configDigest } from './config-digest';
import {
  canonicalJson,
  compactResult,
  decodeIndexRanges,
  draftFromDecisions,
  encodeIndexRanges,
  fromReviewObject,
  MAX_ACCEPTED_RISKS,
  newestFirst,
  reviewName,
  sinceSignOff,
  toReviewObject,
} from './model';
import type { ReadinessReview } from './types';

const NOW = new Date('2026-06-01T10:00:00Z');
const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A Deployment that passes the blocking probe and non-root checks, unless told otherwise. */
function deployment(name: string, options: { probe?: boolean; nonRoot?: boolean; namespace?: string } = {}): KubeObject {
  const { probe = true, nonRoot = true, namespace = 'shop' } = options;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          securityContext: nonRoot ? { runAsNonRoot: true, runAsUser: 1000 } : {},
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/shop/app:1.0.0',
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
              ...(probe ? { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } } : {}),
            },
          ],
        },
      },
    },
  };
}

function grade(objects: KubeObject[], now = NOW): { report: NamespaceReport; inventory: NamespaceInventory } {
  const inventory = buildInventory([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, ...objects]);
  const report = evaluateCluster(inventory, { now }).namespaces.find((entry) => entry.namespace === 'shop');
  const namespace = inventory.namespaces.get('shop');
  if (!report || !namespace) throw new Error('shop was not graded');
  return { report, inventory: namespace };
}

function review(overrides: Partial<ReadinessReview> = {}): ReadinessReview {
  const { report, inventory } = grade([deployment('api'), deployment('web', { probe: false })]);
  return {
    name: 'review-0001',
    namespace: 'shop',
    signedAt: '2026-05-01T09:30:00Z',
    signer: { username: 'jane@example.com', groups: ['team'], verified: true },
    verdict: 'ready-with-accepted-risks',
    notes: 'Reviewed in the go-live meeting.\nAll good.',
    acceptedRisks: [
      {
        checkId: 'readiness-probe',
        object: { kind: 'Deployment', name: 'web' },
        reason: 'batch worker',
        expires: '2026-12-31',
        acceptedBy: 'jane@example.com',
      },
    ],
    fixBeforeGoLive: [{ checkId: 'resource-requests' }],
    shipshapeVersion: '0.4.0',
    configDigest: DIGEST,
    result: compactResult(report, inventory),
    ...overrides,
  };
}

describe('the review object', () => {
  it('round-trips a review through the stored object, the result compacted to positions', () => {
    const original = review();
    const object = toReviewObject(original);
    expect(object).toMatchObject({
      apiVersion: 'reviews.shipshape.dev/v1alpha1',
      kind: 'ReadinessReview',
      metadata: { name: 'review-0001', namespace: 'shop' },
    });
    expect(object.spec.result.checks['readiness-probe']?.fail).toMatch(/^\d+$/);
    expect(fromReviewObject(JSON.parse(JSON.stringify(object)))).toEqual({ ok: true, review: original });
  });

  it('accepts the API server’s own metadata and ignores it', () => {
    const object = toReviewObject(review());
    const served = { ...object, metadata: { ...object.metadata, uid: 'x', resourceVersion: '12', managedFields: [] } };
    expect(fromReviewObject(served).ok).toBe(true);
  });

  const refusals: [string, (object: ReturnType<typeof toReviewObject>) => unknown, RegExp][] = [
    ['an unknown verdict', (o) => ({ ...o, spec: { ...o.spec, verdict: 'probably' } }), /^spec\.verdict: verdict must be ready/],
    ['notes over 4,000 characters', (o) => ({ ...o, spec: { ...o.spec, notes: 'x'.repeat(4001) } }), /notes is longer than 4000/],
    [
      'a reason with a bidirectional override',
      (o) => ({ ...o, spec: { ...o.spec, acceptedRisks: [{ ...o.spec.acceptedRisks[0], reason: 'ok \u202e' }] } }),
      /^spec\.acceptedRisks\[0\]\.reason: reason contains control or invisible characters/,
    ],
    [
      'a reason over the waiver limit',
      (o) => ({ ...o, spec: { ...o.spec, acceptedRisks: [{ ...o.spec.acceptedRisks[0], reason: 'x'.repeat(501) }] } }),
      /reason is longer than 500/,
    ],
    [
      'an accepted risk without an expiry',
      (o) => ({ ...o, spec: { ...o.spec, acceptedRisks: [{ ...o.spec.acceptedRisks[0], expires: undefined }] } }),
      /no expires date/,
    ],
    [
      'more accepted risks than the limit',
      (o) => ({ ...o, spec: { ...o.spec, acceptedRisks: Array.from({ length: MAX_ACCEPTED_RISKS + 1 }, () => o.spec.acceptedRisks[0]) } }),
      /more than 2000 accepted risks/,
    ],
    ['an unknown spec field', (o) => ({ ...o, spec: { ...o.spec, approved: true } }), /^spec: unknown field approved/],
    [
      'a name outside the sequence',
      (o) => ({ ...o, metadata: { ...o.metadata, name: 'latest' } }),
      /^metadata\.name: name must be review-/,
    ],
    ['another kind', (o) => ({ ...o, kind: 'ConfigMap' }), /^kind: kind must be ReadinessReview/],
    [
      'a signer that claims verification as text',
      (o) => ({ ...o, spec: { ...o.spec, signer: { ...o.spec.signer, verified: 'yes' } } }),
      /verified is not true or false/,
    ],
    [
      'positions past the objects listed',
      (o) => ({
        ...o,
        spec: { ...o.spec, result: { ...o.spec.result, checks: { 'readiness-probe': { status: 'fail', fail: '0-99999' } } } },
      }),
      /positions out of order or past/,
    ],
    [
      'ranges naming more findings than a review may keep',
      (o) => ({
        ...o,
        spec: {
          ...o.spec,
          result: {
            ...o.spec.result,
            objects: Array.from({ length: 5000 }, (_, index) => `Deployment/d${index}`),
            checks: Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`check-${index}`, { status: 'fail', fail: '0-4999' }])),
          },
        },
      }),
      /^spec\.result names 1500000 findings, more than the 1000000 a review may keep$/,
    ],
    ['a digest that is not sha256', (o) => ({ ...o, spec: { ...o.spec, configDigest: 'md5:abc' } }), /configDigest is not sha256/],
  ];
  it.each(refusals)('refuses %s, naming the field', (_what, change, message) => {
    const parsed = fromReviewObject(change(toReviewObject(review())));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]).toMatch(message);
  });

  it('refuses what is not an object at all', () => {
    expect(fromReviewObject(null)).toMatchObject({ ok: false });
    expect(fromReviewObject('review')).toMatchObject({ ok: false });
  });

  it('encodes positions as ranges and reads them back', () => {
    expect(encodeIndexRanges([0, 1, 2, 3, 7, 9, 10])).toBe('0-3,7,9-10');
    expect(decodeIndexRanges('0-3,7,9-10', 11)).toEqual([0, 1, 2, 3, 7, 9, 10]);
    expect(decodeIndexRanges('3,1', 11)).toBeUndefined();
    expect(decodeIndexRanges('0-11', 11)).toBeUndefined();
  });
});

describe('review names', () => {
  it('follow the newest the reviewer saw, so two reviewers from the same state choose the same name', () => {
    expect(reviewName()).toBe('review-0001');
    expect(reviewName('review-0001')).toBe('review-0002');
    expect(reviewName('review-9999')).toBe('review-10000');
    expect(reviewName('review-0041')).toBe(reviewName('review-0041'));
    expect(() => reviewName('latest')).toThrow(/not review- and a sequence number/);
  });

  it('sort newest first by sequence, then by time', () => {
    const names = [
      { name: 'review-0002', signedAt: '2026-01-01T00:00:00Z' },
      { name: 'review-0010', signedAt: '2025-01-01T00:00:00Z' },
      { name: 'review-0001', signedAt: '2027-01-01T00:00:00Z' },
    ];
    expect([...names].sort(newestFirst).map((entry) => entry.name)).toEqual(['review-0010', 'review-0002', 'review-0001']);
  });
});

describe('the compact result', () => {
  it('keeps each check’s status and the objects that did not pass', () => {
    const { report, inventory } = grade([deployment('api'), deployment('web', { probe: false }), deployment('batch', { nonRoot: false })]);
    const result = compactResult(report, inventory);
    expect(result.checks['readiness-probe']).toEqual({ status: 'fail', fail: ['Deployment/web'] });
    expect(result.checks['run-as-non-root']).toMatchObject({ status: 'fail', fail: ['Deployment/batch'] });
    expect(result.objects).toEqual(expect.arrayContaining(['Deployment/api', 'Deployment/batch', 'Deployment/web']));
    expect(result.verdict).toBe('not-ready');
  });

  it('leaves out objects a controller made', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'api-5d9c-x1', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5d9c', controller: true }] },
      spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/app:1.0.0' }] },
    };
    const { report, inventory } = grade([deployment('api'), pod]);
    expect(compactResult(report, inventory).objects).not.toContain('Pod/api-5d9c-x1');
  });

  it('encodes a namespace of 2,000 failing workloads far below the API server’s 1.5 MB object limit', { timeout: 60_000 }, () => {
    const workloads = Array.from({ length: 2000 }, (_, index) => {
      const name = `service-${String(index).padStart(4, '0')}-worker`;
      return [
        deployment(name, { probe: false, nonRoot: false }),
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: 'shop' },
          spec: { selector: { app: name }, ports: [{ port: 80 }] },
        },
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'shop' } },
      ] as KubeObject[];
    }).flat();
    const { report, inventory } = grade(workloads);
    const signed = review({ result: compactResult(report, inventory) });
    const failing = Object.values(signed.result.checks).reduce(
      (sum, check) => sum + (check.fail?.length ?? 0) + (check.warn?.length ?? 0),
      0,
    );
    // The namespace is badly off: tens of thousands of findings, which a plain list would spend megabytes on.
    expect(failing).toBeGreaterThan(20_000);
    const object = toReviewObject(signed);
    const json = Buffer.byteLength(JSON.stringify(object));
    const yaml = Buffer.byteLength(stringify(object));
    expect(json).toBeLessThan(500_000);
    expect(yaml).toBeLessThan(500_000);
    expect(fromReviewObject(JSON.parse(JSON.stringify(object)))).toEqual({ ok: true, review: signed });
  });
});

describe('the configuration digest', () => {
  it('is the same whatever order the configuration’s keys are in, and changes with its content', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
    const reordered = Object.fromEntries(Object.entries(DEFAULT_SHIPSHAPE_CONFIG).reverse()) as unknown as ShipshapeConfig;
    expect(configDigest(reordered)).toBe(configDigest(DEFAULT_SHIPSHAPE_CONFIG));
    expect(configDigest({ ...DEFAULT_SHIPSHAPE_CONFIG, disabledChecks: ['cpu-limit'] })).not.toBe(configDigest(DEFAULT_SHIPSHAPE_CONFIG));
    expect(configDigest(DEFAULT_SHIPSHAPE_CONFIG)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not depend on the file a waiver was written in, only on the waiver', () => {
    const waiver = { checkId: 'cpu-limit', namespace: 'shop', reason: 'r', approvedBy: 'a', expires: '2030-01-01' };
    const inFile = (source: string): ShipshapeConfig => ({ ...DEFAULT_SHIPSHAPE_CONFIG, waivers: [{ ...waiver, source }] });
    expect(configDigest(inFile('shipshape.config.yaml waivers[0]'))).toBe(configDigest(inFile('/etc/shipshape.yaml waivers[0]')));
    expect(configDigest(inFile('x'))).not.toBe(configDigest(DEFAULT_SHIPSHAPE_CONFIG));
  });
});

describe('since sign-off', () => {
  const signedWith = (objects: KubeObject[], overrides: Partial<ReadinessReview> = {}) => {
    const { report, inventory } = grade(objects);
    return review({ result: compactResult(report, inventory), acceptedRisks: [], verdict: 'ready', ...overrides });
  };

  it('holds while nothing moved', () => {
    const objects = [deployment('api'), deployment('web')];
    const signed = signedWith(objects);
    const { report, inventory } = grade(objects);
    const since = sinceSignOff(signed, report, inventory, DIGEST, NOW);
    expect(since).toMatchObject({
      newFailures: [],
      fixed: [],
      expiredRisks: [],
      objectsAdded: [],
      objectsRemoved: [],
      configChanged: false,
      holds: true,
      reasons: [],
    });
  });

  it('lists a new blocking failure, a fixed finding, objects added and removed, and no longer holds', () => {
    const signed = signedWith([deployment('api'), deployment('web', { nonRoot: false }), deployment('old')], { verdict: 'not-ready' });
    const { report, inventory } = grade([deployment('api', { probe: false }), deployment('web'), deployment('new')]);
    const since = sinceSignOff(signed, report, inventory, DIGEST, NOW);
    expect(since.newFailures).toContainEqual({
      checkId: 'readiness-probe',
      object: 'Deployment/api',
      status: 'fail',
      severity: 'blocking',
    });
    expect(since.fixed).toContainEqual({ checkId: 'run-as-non-root', object: 'Deployment/web' });
    expect(since.objectsAdded).toContain('Deployment/new');
    expect(since.objectsRemoved).toContain('Deployment/old');
    expect(since.holds).toBe(false);
    expect(since.reasons[0]).toBe('1 new blocking failure since review-0001');
  });

  it('holds when the only move is the review’s own accepted risks turning the graded verdict “ready with risks”', () => {
    const objects = [deployment('api'), deployment('web')];
    const { report, inventory } = grade(objects);
    // Graded ready at sign-off; the accepted findings are waived now, so it grades "ready with risks", as the team signed it.
    const then = { ...compactResult(report, inventory), verdict: 'ready' };
    const waivedNow = { ...report, verdict: 'ready-with-risks' as const };
    const withRisks = signedWith(objects, { result: then, verdict: 'ready-with-accepted-risks', acceptedRisks: review().acceptedRisks });
    expect(sinceSignOff(withRisks, waivedNow, inventory, DIGEST, NOW).holds).toBe(true);
    // Without accepted risks, the same move is a worse verdict.
    expect(sinceSignOff(signedWith(objects, { result: then }), waivedNow, inventory, DIGEST, NOW).reasons).toEqual([
      'the graded verdict moved from ready to ready-with-risks',
    ]);
  });

  it('says when the configuration changed', () => {
    const objects = [deployment('api')];
    const { report, inventory } = grade(objects);
    expect(sinceSignOff(signedWith(objects), report, inventory, `sha256:${'b'.repeat(64)}`, NOW).configChanged).toBe(true);
  });

  it('lists an accepted risk whose expiry passed once, not again as a new failure', () => {
    const objects = [deployment('api'), deployment('web', { probe: false })];
    const signed = review({
      acceptedRisks: [
        {
          checkId: 'readiness-probe',
          object: { kind: 'Deployment', name: 'web' },
          reason: 'batch worker',
          expires: '2026-06-30',
          acceptedBy: 'jane',
        },
      ],
    });
    const later = new Date('2026-07-01T00:00:00Z');
    const { report, inventory } = grade(objects, later);
    const since = sinceSignOff(signed, report, inventory, DIGEST, later);
    expect(since.expiredRisks).toHaveLength(1);
    expect(since.newFailures.filter((failure) => failure.object === 'Deployment/web' && failure.checkId === 'readiness-probe')).toEqual([]);
    expect(since.holds).toBe(false);
    expect(since.reasons.join(' ')).toMatch(/1 accepted risk expired \(2026-06-30\)/);
  });
});

describe('a draft from the reviewer’s decisions', () => {
  const failing = () => grade([deployment('api'), deployment('web', { probe: false })]);
  const base = () => {
    const { report, inventory } = failing();
    return { report, inventory, notes: '', shipshapeVersion: '0.4.0', configDigest: DIGEST, signerName: 'jane@example.com', now: NOW };
  };
  const accept = {
    checkId: 'readiness-probe',
    object: { kind: 'Deployment', name: 'web' },
    decision: 'accept',
    reason: 'batch worker',
    expires: '2026-12-31',
  };

  it('refuses ready while a blocking failure is neither fixed nor accepted, saying which', () => {
    const outcome = draftFromDecisions({ ...base(), verdict: 'ready', decisions: [] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.problems).toContain(
        'cannot sign off as ready: 1 blocking failure is neither fixed nor accepted (readiness-probe on Deployment/web); fix it first, accept it as a risk, or sign off as not-ready',
      );
  });

  it('builds a ready-with-accepted-risks draft once the blocking failure is accepted, the signer accepting it', () => {
    const outcome = draftFromDecisions({ ...base(), verdict: 'ready-with-accepted-risks', decisions: [accept], notes: '  go  ' });
    expect(outcome).toMatchObject({ ok: true, name: 'review-0001' });
    if (outcome.ok) {
      expect(outcome.draft.acceptedRisks).toEqual([
        {
          checkId: 'readiness-probe',
          object: { kind: 'Deployment', name: 'web' },
          reason: 'batch worker',
          expires: '2026-12-31',
          acceptedBy: 'jane@example.com',
        },
      ]);
      expect(outcome.draft.notes).toBe('go');
      expect(outcome.draft.result.checks['readiness-probe']?.fail).toEqual(['Deployment/web']);
    }
  });

  it('names the review after the newest one seen', () => {
    const outcome = draftFromDecisions({ ...base(), verdict: 'not-ready', decisions: [], previous: 'review-0003' });
    expect(outcome).toMatchObject({ ok: true, name: 'review-0004', draft: { previous: 'review-0003' } });
  });

  it('refuses ready-with-accepted-risks with none accepted, and ready with some', () => {
    const none = draftFromDecisions({ ...base(), verdict: 'ready-with-accepted-risks', decisions: [{ ...accept, decision: 'fix' }] });
    expect(none.ok ? [] : none.problems).toContain(
      'ready-with-accepted-risks needs at least one accepted risk; with none, sign off as ready',
    );
    const some = draftFromDecisions({ ...base(), verdict: 'ready', decisions: [accept] });
    expect(some.ok ? [] : some.problems).toContain('1 risk is accepted: sign off as ready-with-accepted-risks');
  });

  it('refuses an acceptance without a reason, one already expired, one about no open finding, and the same finding twice', () => {
    const outcome = draftFromDecisions({
      ...base(),
      verdict: 'not-ready',
      decisions: [
        { ...accept, reason: '   ' },
        { ...accept, object: { kind: 'Deployment', name: 'api' } },
        { ...accept, checkId: 'no-such-check' },
        { checkId: 'readiness-probe', decision: 'fix' },
        { checkId: 'readiness-probe', decision: 'accept', reason: 'old', expires: '2026-05-31' },
        { checkId: 'readiness-probe', decision: 'fix' },
      ],
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems[0]).toMatch(/^decision 1 .*reason is empty/);
      expect(outcome.problems[1]).toMatch(/^decision 2 .*no open finding/);
      expect(outcome.problems[2]).toMatch(/^decision 3 .*no such check/);
      expect(outcome.problems[3]).toMatch(/^decision 5 .*decided twice/);
      expect(outcome.problems[4]).toMatch(/^decision 6 .*decided twice/);
    }
  });

  it('refuses a past expiry', () => {
    const outcome = draftFromDecisions({ ...base(), verdict: 'not-ready', decisions: [{ ...accept, expires: '2026-05-31' }] });
    expect(outcome.ok ? [] : outcome.problems).toEqual([expect.stringMatching(/expires 2026-05-31 is already past/)]);
  });

  it('refuses decisions that are not decisions, and an unknown verdict', () => {
    const outcome = draftFromDecisions({ ...base(), verdict: 'go', decisions: [{ checkId: 'readiness-probe', decision: 'ignore' }] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems[0]).toBe('verdict must be one of ready, ready-with-accepted-risks, not-ready');
      expect(outcome.problems[1]).toMatch(/decision must be fix or accept/);
    }
  });
});
