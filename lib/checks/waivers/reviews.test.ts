import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { toReviewObject } from '../../review/schema';
import type { AcceptedRisk, ReadinessReview } from '../../review/types';
import { parseManifests } from '../../snapshot/parse-manifests';
import { evaluateCluster, type NamespaceReport } from '../evaluate';

const NOW = new Date('2026-06-01T10:00:00Z');

/** A Deployment with no readiness probe: the blocking readiness-probe check fails on it. */
const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'app', image: 'registry.example.com/web:1.0.0', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
      },
    },
  },
};

const risk: AcceptedRisk = {
  checkId: 'readiness-probe',
  object: { kind: 'Deployment', name: 'web' },
  reason: 'a batch worker that serves no traffic',
  expires: '2026-06-30',
  acceptedBy: 'lead@example.com',
};

function reviewObject(name: string, acceptedRisks: AcceptedRisk[], overrides: Partial<ReadinessReview> = {}): KubeObject {
  const review: ReadinessReview = {
    name,
    namespace: 'shop',
    signedAt: '2026-05-20T12:00:00Z',
    signer: { username: 'jane@example.com', groups: [], verified: true },
    verdict: acceptedRisks.length > 0 ? 'ready-with-accepted-risks' : 'not-ready',
    notes: '',
    acceptedRisks,
    fixBeforeGoLive: [],
    shipshapeVersion: '0.4.0',
    configDigest: `sha256:${'0'.repeat(64)}`,
    result: { score: null, grade: null, verdict: 'not-ready', checks: {}, objects: [] },
    ...overrides,
  };
  return toReviewObject(review) as unknown as KubeObject;
}

function shop(objects: KubeObject[], now = NOW): NamespaceReport {
  const inventory = buildInventory([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, web, ...objects]);
  const report = evaluateCluster(inventory, { now }).namespaces.find((entry) => entry.namespace === 'shop');
  if (!report) throw new Error('shop was not graded');
  return report;
}

const probeItem = (report: NamespaceReport) => report.items.find((item) => item.checkId === 'readiness-probe');

describe('accepted risks of a go-live review', () => {
  it('waive the finding they name, shown as waived with the review as their source', () => {
    const report = shop([reviewObject('review-0001', [risk])]);
    expect(probeItem(report)).toMatchObject({ status: 'waived' });
    expect(probeItem(report)?.findings[0]).toMatchObject({
      status: 'waived',
      waivedStatus: 'fail',
      waiver: { state: 'active', source: 'ReadinessReview review-0001', approvedBy: 'lead@example.com', expires: '2026-06-30' },
    });
    expect(report.blockingFailures.map((item) => item.checkId)).not.toContain('readiness-probe');
    expect(report.signedOff).toBe('review-0001');
  });

  it('count again once expired, and say so', () => {
    const report = shop([reviewObject('review-0001', [risk])], new Date('2026-07-01T00:00:00Z'));
    expect(probeItem(report)?.status).toBe('fail');
    expect(probeItem(report)?.findings[0]?.waiver).toMatchObject({ state: 'expired', source: 'ReadinessReview review-0001' });
    expect(report.blockingFailures.map((item) => item.checkId)).toContain('readiness-probe');
  });

  it('come from the newest review only: a later sign-off without the risk ends it', () => {
    const report = shop([reviewObject('review-0002', []), reviewObject('review-0001', [risk])]);
    expect(probeItem(report)?.status).toBe('fail');
    expect(report.signedOff).toBe('review-0002');
  });

  it('a namespace-wide risk covers every object of the check', () => {
    const { object: _object, ...wide } = risk;
    expect(probeItem(shop([reviewObject('review-0001', [wide])]))?.status).toBe('waived');
  });

  it('an invalid review is a rejected waiver naming it, and the newest valid one still applies', () => {
    const bad = reviewObject('review-0002', [risk]);
    (bad.spec as Record<string, unknown>).verdict = 'ship-it';
    const report = shop([bad, reviewObject('review-0001', [risk])]);
    expect(report.rejectedWaivers).toEqual([
      expect.objectContaining({
        namespace: 'shop',
        source: 'ReadinessReview “review-0002” in shop',
        message: expect.stringMatching(/^ReadinessReview “review-0002” in shop is rejected: spec\.verdict: verdict must be/),
      }),
    ]);
    expect(probeItem(report)?.status).toBe('waived');
  });

  it('a risk naming an unknown check is rejected on its own, the other risks apply', () => {
    const report = shop([reviewObject('review-0001', [{ ...risk, checkId: 'readiness-prob' }, risk])]);
    expect(report.rejectedWaivers).toEqual([
      expect.objectContaining({
        source: 'ReadinessReview review-0001 (accepted risk 1)',
        problems: [expect.stringMatching(/unknown check id .*did you mean readiness-probe/)],
      }),
    ]);
    expect(probeItem(report)?.status).toBe('waived');
  });

  it('a review in another namespace’s folder does not waive here', () => {
    const elsewhere = reviewObject('review-0001', [risk], { namespace: 'billing' });
    expect(probeItem(shop([elsewhere]))?.status).toBe('fail');
  });

  it('reviews are never graded: the checklist is the same with or without them', () => {
    const without = shop([]);
    const withReview = shop([reviewObject('review-0001', [])]);
    expect(withReview.items.map((item) => [item.checkId, item.status, item.counts])).toEqual(
      without.items.map((item) => [item.checkId, item.status, item.counts]),
    );
    const named = withReview.items.flatMap((item) => item.findings.map((finding) => finding.object.kind));
    expect(named).not.toContain('ReadinessReview');
  });

  it('are read from manifests like any other object', () => {
    const parsed = parseManifests(stringify(reviewObject('review-0001', [risk])), 'shop/review-0001.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.ignoredKinds).toEqual({});
    expect(parsed.objects.map((object) => object.kind)).toEqual(['ReadinessReview']);
    expect(probeItem(shop(parsed.objects))?.status).toBe('waived');
  });
});
