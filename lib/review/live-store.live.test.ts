/**
 * Go-live reviews stored in a real cluster: the ReadinessReview CRD, the signer policy and the
 * live store against the real API server of the test control plane, as three users: `tracker`
 * and `navigator` (both may sign in this test's namespace), and `reviewer` (may only view).
 * Without the CRD first (the default seed does not install it), then with it, installed as an
 * admin would; the namespace and the CRD are removed afterwards, so the rest of the suite reads
 * the cluster it expects.
 */

import { KubeConfig } from '@kubernetes/client-node';
import { CONTEXTS, COSIGNER_USER, LIMITED_USER, TEAM_USER } from '@test/control-plane/control-plane';
import { startFaultProxy } from '@test/support/fault-proxy';
import { installReviewCrd, reviewManifest, reviewNamespace, uninstallReviewCrd } from '@test/support/review-crd';
import { testCluster } from '@test/support/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../checks/config/parse';
import type { LoadedCluster } from '../sources/cluster-source';
import { createKubeClient } from '../sources/live/kube-client';
import { configForContext, loadKubeconfig } from '../sources/live/kubeconfig';
import { createLiveSource } from '../sources/live/live-source';
import { readCluster } from '../sources/live/read-cluster';
import { configDigest } from './config-digest';
import { CRD_INSTALL_COMMAND, createLiveReviewStore, type LiveReviewStoreOptions } from './live-store';
import { compactResult } from './result';
import { sinceSignOff } from './since-signoff';
import type { ReviewDraft, ReviewStore } from './types';

const cluster = testCluster();
const kubeconfig = loadKubeconfig({ KUBECONFIG: cluster.kubeconfig }).config;
/** This file's own namespace, where tracker and navigator may sign. */
const NAMESPACE = 'signoff-live';
const NOTES = 'Go-live on Friday; the notes never reach a log line (n0tes-marker).';

const logLines: string[] = [];
function storeFor(context: string, options: Partial<LiveReviewStoreOptions> = {}): ReviewStore {
  return createLiveReviewStore(configForContext(kubeconfig, context), { readOnly: false, log: (line) => logLines.push(line), ...options });
}
const team = storeFor(CONTEXTS.team);
const cosigner = storeFor(CONTEXTS.cosigner);
const limited = storeFor(CONTEXTS.limited);

function draft(overrides: Partial<ReviewDraft> = {}): ReviewDraft {
  return {
    namespace: NAMESPACE,
    verdict: 'ready',
    notes: NOTES,
    acceptedRisks: [],
    fixBeforeGoLive: [],
    shipshapeVersion: '0.1.0',
    configDigest: `sha256:${'a'.repeat(64)}`,
    result: { score: 92, grade: 'A', verdict: 'ready', checks: {}, objects: ['Deployment/web'] },
    // A form field can claim anything; the store signs with the cluster's identity.
    claimedSigner: 'mallory',
    ...overrides,
  };
}

const web = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: NAMESPACE, labels: { app: 'web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'registry.example.com/shop/web:1.4.2',
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            livenessProbe: { httpGet: { path: '/live', port: 8080 } },
          },
        ],
      },
    },
  },
};

/** The reviews kubectl sees in the namespace, as admin: what is really stored. */
async function storedReviews(): Promise<{ name: string; signer: string }[]> {
  const result = await cluster.kubectl(['get', 'readinessreviews', '-n', NAMESPACE, '-o', 'json']);
  if (result.code !== 0) throw new Error(result.stderr);
  const list = JSON.parse(result.stdout) as { items: { metadata: { name: string }; spec: { signer: { username: string } } }[] };
  return list.items
    .map((item) => ({ name: item.metadata.name, signer: item.spec.signer.username }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

let removeNamespace: (() => Promise<void>) | undefined;
beforeAll(async () => {
  // A run stopped halfway may have left the CRD behind: start from the default seed's state.
  await uninstallReviewCrd(cluster);
  removeNamespace = await reviewNamespace(cluster, NAMESPACE, [TEAM_USER, COSIGNER_USER], [web]);
});
afterAll(async () => {
  await removeNamespace?.();
  await uninstallReviewCrd(cluster);
});

describe('without the CRD: reviews are not installed, and nothing else changes', () => {
  it('canWrite, list and create all say the CRD is missing, with the command that installs it', async () => {
    const canWrite = await team.canWrite(NAMESPACE);
    expect(canWrite).toMatchObject({ ok: false, reason: 'crd-missing' });
    expect(canWrite.ok ? '' : canWrite.hint).toContain('kubectl apply -f deploy/crd/readinessreview.yaml');
    expect(CRD_INSTALL_COMMAND).toBe('kubectl apply -f deploy/crd/readinessreview.yaml');
    expect(await team.list(NAMESPACE)).toMatchObject({ ok: false, reason: 'crd-missing' });
    expect(await team.create(draft())).toMatchObject({ ok: false, reason: 'crd-missing' });
  });

  it('the live read shows no access gap for reviews, for the admin or the limited user', async () => {
    const admin = await readCluster(createKubeClient(configForContext(kubeconfig, CONTEXTS.admin)));
    expect(admin.accessGaps).toEqual([]);
    expect(admin.objects.filter((object) => object.kind === 'ReadinessReview')).toEqual([]);
    const viewer = await readCluster(createKubeClient(configForContext(kubeconfig, CONTEXTS.limited)));
    expect(viewer.accessGaps.filter((gap) => gap.kind === 'ReadinessReview')).toEqual([]);
  });
});

describe('with the CRD installed', () => {
  beforeAll(async () => {
    await installReviewCrd(cluster, { namespace: NAMESPACE, context: CONTEXTS.team, user: TEAM_USER });
  });

  it('whoAmI is the identity the API server authenticated, for each kubeconfig user', async () => {
    expect(await team.whoAmI()).toMatchObject({ username: TEAM_USER, verified: true });
    expect((await team.whoAmI()).groups).toEqual(expect.arrayContaining(['kestrel:tracking', 'system:authenticated']));
    expect(await cosigner.whoAmI()).toMatchObject({ username: COSIGNER_USER, verified: true });
    expect(await limited.whoAmI()).toMatchObject({ username: LIMITED_USER, verified: true });
  });

  it('a signer may write in the namespace; the signed review carries the cluster’s identity, not the claimed one', async () => {
    expect(await team.canWrite(NAMESPACE)).toEqual({ ok: true });
    logLines.length = 0;
    const created = await team.create(draft());
    if (!created.ok) throw new Error(`expected a review, got ${JSON.stringify(created)}`);
    expect(created.review).toMatchObject({ name: 'review-0001', namespace: NAMESPACE, signer: { username: TEAM_USER, verified: true } });
    expect(Date.parse(created.review.signedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await storedReviews()).toEqual([{ name: 'review-0001', signer: TEAM_USER }]);
    // One line: who, where, which review, what verdict, the outcome; never the notes.
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatch(/tracker.*signoff-live.*review-0001.*ready.*created/);
    expect(logLines.join('\n')).not.toContain('n0tes-marker');
  });

  it('list gives the namespace’s reviews as written, validated', async () => {
    const listed = await cosigner.list(NAMESPACE);
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.rejected).toEqual([]);
    expect(listed.reviews.map((review) => review.name)).toEqual(['review-0001']);
    expect(listed.reviews[0]).toMatchObject({ notes: NOTES, verdict: 'ready', result: { score: 92, objects: ['Deployment/web'] } });
  });

  it('two sign-offs from the same state: exactly one review, and one clear conflict naming the first', async () => {
    const [first, second] = await Promise.all([
      team.create(draft({ previous: 'review-0001', verdict: 'not-ready' })),
      cosigner.create(draft({ previous: 'review-0001', verdict: 'not-ready' })),
    ]);
    const results = [first, second];
    const won = results.filter((result) => result.ok);
    const lost = results.filter((result) => !result.ok && result.conflict);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]?.ok ? won[0].review.signer.username : '';
    expect(lost[0]).toMatchObject({ conflict: true, latest: 'review-0002' });
    expect(lost[0]?.ok === false ? lost[0].message : '').toContain(`review-0002 by “${winner}”`);
    expect((await storedReviews()).map((review) => review.name)).toEqual(['review-0001', 'review-0002']);
    const listed = await team.list(NAMESPACE);
    expect(listed.ok ? listed.reviews.map((review) => review.name) : []).toEqual(['review-0002', 'review-0001']);
    expect(logLines.filter((line) => line.endsWith(': conflict'))).toHaveLength(1);
  });

  it('a namespace that does not exist is named as such, not taken for a missing CRD', async () => {
    const created = await storeFor(CONTEXTS.admin).create(draft({ namespace: 'no-such-namespace' }));
    expect(created).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Namespace no-such-namespace does not exist in this cluster, so no review can be stored in it.',
    });
  });

  it('read-only: refused before any write, while reading works', async () => {
    const readOnly = storeFor(CONTEXTS.team, { readOnly: true });
    expect(await readOnly.canWrite(NAMESPACE)).toMatchObject({ ok: false, reason: 'read-only' });
    expect(await readOnly.create(draft({ previous: 'review-0002' }))).toMatchObject({ ok: false, reason: 'read-only' });
    expect(await readOnly.list(NAMESPACE)).toMatchObject({ ok: true });
    expect(await storedReviews()).toHaveLength(2);
  });

  it('a user who may only view gets the read-only explanation: who, what, where, and the Role to grant', async () => {
    const canWrite = await limited.canWrite('payments');
    expect(canWrite).toMatchObject({ ok: false, reason: 'forbidden' });
    if (canWrite.ok) return;
    expect(canWrite.message).toBe(
      'User “reviewer” may not create readinessreviews.reviews.shipshape.dev in namespace payments, so reviews there are read-only for you.',
    );
    expect(canWrite.hint).toContain('Role granting create, get, list and watch on readinessreviews');
    // Viewing a namespace includes its reviews (the CRD's file aggregates reading into `view`).
    expect(await limited.list('payments')).toEqual({ ok: true, reviews: [], rejected: [] });
    expect(await limited.create(draft({ namespace: 'payments' }))).toMatchObject({ ok: false, reason: 'forbidden' });
    // Where it may not even view, listing is refused as plainly.
    expect(await limited.list(NAMESPACE)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('the signer policy refuses a review whose signer is not the user creating it, even from kubectl', async () => {
    const forged = await cluster.kubectl(
      ['--context', CONTEXTS.team, 'create', '-f', '-'],
      reviewManifest(NAMESPACE, 'review-0003', 'admin'),
    );
    expect(forged.code).not.toBe(0);
    expect(forged.stderr).toContain('spec.signer.username must be the user creating the review (tracker)');
    const unverified = await cluster.kubectl(
      ['--context', CONTEXTS.team, 'create', '-f', '-'],
      reviewManifest(NAMESPACE, 'review-0003', TEAM_USER, { signer: { username: TEAM_USER, groups: ['system:masters'], verified: true } }),
    );
    expect(unverified.stderr).toContain('spec.signer.groups may name only groups of the user creating the review');
    expect(await storedReviews()).toHaveLength(2);
  });

  it('a review is immutable: the API server refuses any change to its spec', async () => {
    const patched = await cluster.kubectl([
      'patch',
      'readinessreview',
      'review-0001',
      '-n',
      NAMESPACE,
      '--type=merge',
      '-p',
      '{"spec":{"verdict":"not-ready"}}',
    ]);
    expect(patched.code).not.toBe(0);
    expect(patched.stderr).toContain('a ReadinessReview is immutable once written');
    const listed = await team.list(NAMESPACE);
    expect(listed.ok ? listed.reviews.find((review) => review.name === 'review-0001')?.verdict : undefined).toBe('ready');
  });

  it('a stored object the model refuses is listed by name as rejected, never shown as a review', async () => {
    // The CRD's schema lets it in (bounds only); the model refuses text that hides characters.
    const created = await cluster.kubectl(
      ['create', '-f', '-'],
      reviewManifest(NAMESPACE, 'review-0100', 'admin', { notes: 'fine\u0007print' }),
    );
    expect(created.stderr).toBe('');
    const listed = await team.list(NAMESPACE);
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.reviews.map((review) => review.name)).toEqual(['review-0002', 'review-0001']);
    expect(listed.rejected).toHaveLength(1);
    expect(listed.rejected[0]).toMatch(/^“review-0100”: spec\.notes: .*control or invisible characters/);
  });

  it('list pages through the reviews, and past its cap says what it left out', async () => {
    const paged = await storeFor(CONTEXTS.team, { pageSize: 1 }).list(NAMESPACE);
    expect(paged.ok ? paged.reviews.map((review) => review.name) : []).toEqual(['review-0002', 'review-0001']);
    expect(paged.ok ? paged.rejected.length : 0).toBe(1);
    const capped = await storeFor(CONTEXTS.team, { pageSize: 1, maxReviews: 2 }).list(NAMESPACE);
    expect(capped).toEqual({
      ok: true,
      reviews: [expect.objectContaining({ name: 'review-0002' }), expect.objectContaining({ name: 'review-0001' })],
      rejected: ['more than 2 reviews in signoff-live: only the first 2 by name were read, so newer ones may be missing'],
    });
  });

  it('the live read lists reviews with the other kinds; viewers read them without an access gap', async () => {
    const admin = await readCluster(createKubeClient(configForContext(kubeconfig, CONTEXTS.admin)));
    expect(admin.accessGaps).toEqual([]);
    const reviews = admin.objects.filter((object) => object.kind === 'ReadinessReview').map((object) => object.metadata.name);
    expect(reviews.sort()).toEqual(['review-0001', 'review-0002', 'review-0100']);
    const viewer = await readCluster(createKubeClient(configForContext(kubeconfig, CONTEXTS.limited)));
    expect(viewer.accessGaps.filter((gap) => gap.kind === 'ReadinessReview' && gap.namespace === 'payments')).toEqual([]);
  });

  it('a server that does not answer: the store waits the request timeout, and says a sign-off may or may not be stored', async () => {
    // The proxy forwards every request to the real server (as the admin) and holds back the answers.
    const proxy = await startFaultProxy(cluster.state);
    try {
      const slow = createLiveReviewStore(proxy.kubeconfig('slow'), {
        readOnly: false,
        timeoutMs: 2_000,
        log: (line) => logLines.push(line),
      });
      expect(await slow.whoAmI()).toMatchObject({ username: 'admin' });
      proxy.setFault({ path: /readinessreviews/, fault: { kind: 'hold', ms: 15_000 } });
      const started = Date.now();
      expect(await slow.list(NAMESPACE)).toMatchObject({
        ok: false,
        reason: 'unreachable',
        message: expect.stringContaining('did not answer in time'),
      });
      const created = await slow.create(draft({ previous: 'review-0100' }));
      // Both gave up at their own timeout, long before the held answers would have come.
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(created).toMatchObject({ ok: false, reason: 'unreachable' });
      expect(created.ok ? '' : created.message).toContain('Could not store review review-0101 in namespace signoff-live');
      expect(created.ok ? '' : created.message).toContain('It may or may not have been written.');
      expect(logLines.at(-1)).toMatch(/admin.*review-0101.*: unreachable \(timeout\)$/);
    } finally {
      await proxy.close();
    }
  });

  describe('accepted risks and since sign-off, through the live source’s grading', () => {
    /** The team user's context, pointed at this file's namespace: the live source reads just that one. */
    function teamInNamespace(): KubeConfig {
      const single = configForContext(kubeconfig, CONTEXTS.team);
      const context = single.getContextObject(CONTEXTS.team);
      if (!context) throw new Error('no team context');
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: single.clusters,
        users: single.users,
        contexts: [{ ...context, namespace: NAMESPACE }],
        currentContext: CONTEXTS.team,
      });
      return config;
    }
    const source = createLiveSource({ name: CONTEXTS.team, kind: 'live', label: CONTEXTS.team }, teamInNamespace());
    async function graded() {
      const result = await source.load();
      if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
      const cluster: LoadedCluster = result.cluster;
      const report = cluster.report.namespaces.find((candidate) => candidate.namespace === NAMESPACE);
      const inventory = cluster.inventory.namespaces.get(NAMESPACE);
      if (!report || !inventory) throw new Error(`${NAMESPACE} was not graded`);
      return { report, inventory };
    }
    const digest = configDigest(DEFAULT_SHIPSHAPE_CONFIG);
    const webFinding = (report: Awaited<ReturnType<typeof graded>>['report'], checkId: string) =>
      report.items
        .find((item) => item.checkId === checkId)
        ?.findings.find((finding) => finding.object.kind === 'Deployment' && finding.object.name === 'web');

    it('an expired accepted risk is a finding again; one still valid is waived; a workload change shows under since sign-off', async () => {
      const before = await graded();
      // Two checks web fails now (declared ones, which a review keeps): one accepted until long ago, one until far ahead.
      const failing = before.report.items
        .filter((item) => !item.observed && item.findings.some((finding) => finding.object.name === 'web' && finding.status === 'fail'))
        .map((item) => item.checkId);
      expect(failing.length).toBeGreaterThanOrEqual(2);
      const [expiredCheck, acceptedCheck] = failing as [string, string];
      expect(webFinding(before.report, 'image-tag-pinned')?.status).toBe('pass');

      const listed = await team.list(NAMESPACE);
      const previous = listed.ok ? listed.reviews[0]?.name : undefined;
      const risk = (checkId: string, expires: string) => ({
        checkId,
        object: { kind: 'Deployment', name: 'web' },
        reason: 'Accepted for the pilot; fixed in the next release.',
        expires,
        acceptedBy: 'team lead',
      });
      const created = await team.create(
        draft({
          ...(previous ? { previous } : {}),
          verdict: 'ready-with-accepted-risks',
          configDigest: digest,
          result: compactResult(before.report, before.inventory),
          acceptedRisks: [risk(expiredCheck, '2020-01-31'), risk(acceptedCheck, '2099-12-31')],
        }),
      );
      if (!created.ok) throw new Error(`expected a review, got ${JSON.stringify(created)}`);

      const signed = await graded();
      expect(signed.report.signedOff).toBe(created.review.name);
      expect(webFinding(signed.report, acceptedCheck)).toMatchObject({ status: 'waived', waiver: { state: 'active' } });
      expect(webFinding(signed.report, expiredCheck)).toMatchObject({ status: 'fail', waiver: { state: 'expired' } });

      // The team ships a floating tag after signing off.
      const patched = await cluster.kubectl([
        'set',
        'image',
        '-n',
        NAMESPACE,
        'deployment/web',
        'web=registry.example.com/shop/web:latest',
      ]);
      expect(patched.stderr).toBe('');
      const after = await graded();
      expect(webFinding(after.report, 'image-tag-pinned')?.status).toBe('fail');
      const since = sinceSignOff(created.review, after.report, after.inventory, digest, new Date());
      expect(since.newFailures).toContainEqual(
        expect.objectContaining({ checkId: 'image-tag-pinned', object: 'Deployment/web', status: 'fail' }),
      );
      expect(since.expiredRisks.map((expired) => expired.checkId)).toEqual([expiredCheck]);
      expect(since.configChanged).toBe(false);
      expect(since.holds).toBe(false);
    });
  });
});
