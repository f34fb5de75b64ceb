import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../checks/config/parse';
import { runGradingJob } from '../sources/grading-worker/grading-job';
import { createFileReviewStore } from './file-store';
import { isReadOnly, loadReviewFolder, reviewFolderFor } from './review-folder';
import { toReviewObject } from './schema';
import type { ReviewDraft } from './types';

let root: string;
let directory: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shipshape-reviews-'));
  directory = path.join(root, 'cluster.reviews');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function draft(overrides: Partial<ReviewDraft> = {}): ReviewDraft {
  return {
    namespace: 'shop',
    verdict: 'ready-with-accepted-risks',
    notes: 'Signed in the go-live meeting.',
    acceptedRisks: [
      {
        checkId: 'readiness-probe',
        object: { kind: 'Deployment', name: 'web' },
        reason: 'a batch worker',
        expires: '2099-12-31',
        acceptedBy: 'lead',
      },
    ],
    fixBeforeGoLive: [],
    shipshapeVersion: '0.4.0',
    configDigest: `sha256:${'c'.repeat(64)}`,
    result: {
      score: 71,
      grade: 'C',
      verdict: 'not-ready',
      checks: { 'readiness-probe': { status: 'fail', fail: ['Deployment/web'] } },
      objects: ['Deployment/web'],
    },
    ...overrides,
  };
}

const writable = () => createFileReviewStore({ directory, readOnly: false, signerName: 'ops-laptop' });

describe('the file review store', () => {
  it('writes a review as a ReadinessReview object in <namespace>/<name>.yaml, signed as not verified', async () => {
    const store = writable();
    const created = await store.create(draft({ claimedSigner: 'Jane Doe' }));
    expect(created).toMatchObject({
      ok: true,
      review: { name: 'review-0001', signer: { username: 'Jane Doe', groups: [], verified: false } },
    });
    const object = parse(await readFile(path.join(directory, 'shop', 'review-0001.yaml'), 'utf8'));
    expect(object).toMatchObject({
      apiVersion: 'reviews.shipshape.dev/v1alpha1',
      kind: 'ReadinessReview',
      metadata: { name: 'review-0001', namespace: 'shop' },
    });
    const listed = await store.list('shop');
    expect(listed).toMatchObject({ ok: true, rejected: [] });
    if (listed.ok && created.ok) expect(listed.reviews).toEqual([created.review]);
  });

  it('signs as the configured name, else the operating-system user, never verified', async () => {
    expect(await writable().whoAmI()).toEqual({ username: 'ops-laptop', groups: [], verified: false });
    const anonymous = await createFileReviewStore({ directory, readOnly: false }).whoAmI();
    expect(anonymous.username.length).toBeGreaterThan(0);
    expect(anonymous.verified).toBe(false);
  });

  it('lists newest first and names the next review after the one the reviewer saw', async () => {
    const store = writable();
    await store.create(draft());
    const second = await store.create(draft({ previous: 'review-0001', verdict: 'not-ready', acceptedRisks: [] }));
    expect(second).toMatchObject({ ok: true, review: { name: 'review-0002', previous: 'review-0001' } });
    const listed = await store.list('shop');
    expect(listed.ok && listed.reviews.map((review) => review.name)).toEqual(['review-0002', 'review-0001']);
  });

  it('gives two concurrent sign-offs from the same state one review and one conflict, never an overwrite', async () => {
    const store = writable();
    await store.create(draft());
    const results = await Promise.all([
      store.create(draft({ previous: 'review-0001', notes: 'first' })),
      store.create(draft({ previous: 'review-0001', notes: 'second' })),
    ]);
    const winners = results.filter((result) => result.ok);
    const conflicts = results.filter((result) => !result.ok && result.conflict);
    expect(winners).toHaveLength(1);
    expect(conflicts).toEqual([
      expect.objectContaining({
        conflict: true,
        latest: 'review-0002',
        message: expect.stringMatching(/^review-0002 was signed in shop by someone else/),
      }),
    ]);
    const listed = await store.list('shop');
    expect(listed.ok && listed.reviews.map((review) => [review.name, review.notes])).toEqual([
      ['review-0002', winners[0]?.ok ? winners[0].review.notes : ''],
      ['review-0001', 'Signed in the go-live meeting.'],
    ]);
    // No temporary file is left behind.
    expect((await import('node:fs/promises').then((fs) => fs.readdir(path.join(directory, 'shop')))).sort()).toEqual([
      'review-0001.yaml',
      'review-0002.yaml',
    ]);
  });

  it('refuses a sign-off started from an older review: someone signed since', async () => {
    const store = writable();
    await store.create(draft());
    await store.create(draft({ previous: 'review-0001' }));
    expect(await store.create(draft({ previous: 'review-0001' }))).toMatchObject({ ok: false, conflict: true, latest: 'review-0002' });
    expect(await store.create(draft())).toMatchObject({ ok: false, conflict: true });
  });

  it('read-only refuses every sign-off, saying which setting allows them, and writes nothing', async () => {
    const store = createFileReviewStore({ directory, readOnly: true });
    const refused = await store.create(draft());
    expect(refused).toMatchObject({ ok: false, reason: 'read-only', hint: expect.stringContaining('SHIPSHAPE_READ_ONLY=0') });
    expect(await store.canWrite('shop')).toMatchObject({ ok: false, reason: 'read-only' });
    expect(await store.list('shop')).toEqual({ ok: true, reviews: [], rejected: [] });
  });

  it('refuses a draft that breaks the review rules, and a name that is no namespace', async () => {
    const store = writable();
    expect(await store.create(draft({ notes: 'x'.repeat(4001) }))).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(/notes is longer than 4000/),
    });
    expect(await store.create(draft({ namespace: '../etc' }))).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await store.list('../etc')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('reports every file that is not one valid review where its path says, by name, and still lists the good ones', async () => {
    const store = writable();
    await store.create(draft());
    const folder = path.join(directory, 'shop');
    const valid = toReviewObject({
      ...draft(),
      name: 'review-0002',
      signedAt: '2026-05-01T00:00:00Z',
      signer: { username: 'x', groups: [], verified: false },
    });
    await writeFile(path.join(folder, 'review-0002.yaml'), stringify({ ...valid, spec: { ...valid.spec, verdict: 'ship-it' } }));
    await writeFile(
      path.join(folder, 'review-0003.yaml'),
      stringify({ ...valid, metadata: { name: 'review-0003', namespace: 'billing' } }),
    );
    await writeFile(
      path.join(folder, 'review-0004.yaml'),
      `${stringify({ ...valid, metadata: { name: 'review-0004', namespace: 'shop' } })}---\n${stringify(valid)}`,
    );
    await writeFile(path.join(folder, 'review-0005.yaml'), 'spec: [unclosed');
    await writeFile(path.join(folder, 'review-0006.yaml'), 'x'.repeat(3_000_001));
    await symlink('/etc/passwd', path.join(folder, 'review-0007.yaml'));
    const listed = await store.list('shop');
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.reviews.map((review) => review.name)).toEqual(['review-0001']);
    expect(listed.rejected).toEqual([
      expect.stringMatching(/^shop\/review-0002\.yaml: spec\.verdict: verdict must be/),
      'shop/review-0003.yaml: its metadata.namespace is not shop, the folder it is in',
      'shop/review-0004.yaml: a review file holds exactly one ReadinessReview object',
      expect.stringMatching(/^shop\/review-0005\.yaml: invalid YAML at line 1/),
      expect.stringMatching(/^shop\/review-0006\.yaml: the file is 3000001 bytes, over the 3000000-byte limit/),
      'shop/review-0007.yaml: not a regular file (links and devices are not read)',
    ]);
  });
});

describe('the review folder', () => {
  it('is <snapshot>.reviews beside the snapshot unless SHIPSHAPE_REVIEW_DIR names one', () => {
    expect(reviewFolderFor('/data/cluster/', {})).toBe('/data/cluster.reviews');
    expect(reviewFolderFor('/data/cluster.yaml', {})).toBe('/data/cluster.yaml.reviews');
    expect(reviewFolderFor('/data/cluster', { SHIPSHAPE_REVIEW_DIR: '/srv/reviews' })).toBe('/srv/reviews');
  });

  it('is read-only for the demo and writable for a snapshot unless SHIPSHAPE_READ_ONLY says otherwise; a typo is read-only', () => {
    expect(isReadOnly('demo', {})).toBe(true);
    expect(isReadOnly('snapshot', {})).toBe(false);
    expect(isReadOnly('snapshot', { SHIPSHAPE_READ_ONLY: '1' })).toBe(true);
    expect(isReadOnly('demo', { SHIPSHAPE_READ_ONLY: '0' })).toBe(false);
    expect(isReadOnly('snapshot', { SHIPSHAPE_READ_ONLY: 'yes' })).toBe(true);
  });

  it('is read with the snapshot by the grading job, so accepted risks apply in snapshot mode', async () => {
    const snapshot = path.join(root, 'cluster');
    await mkdir(snapshot);
    await writeFile(
      path.join(snapshot, 'shop.yaml'),
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
        },
      }),
    );
    await writable().create(draft());
    const misplaced = path.join(directory, 'billing');
    await mkdir(misplaced);
    await writeFile(path.join(misplaced, 'review-0001.yaml'), await readFile(path.join(directory, 'shop', 'review-0001.yaml')));
    const output = await runGradingJob({ kind: 'snapshot', target: snapshot, reviewDir: directory, config: DEFAULT_SHIPSHAPE_CONFIG });
    const shop = output.report.namespaces.find((namespace) => namespace.namespace === 'shop');
    expect(shop?.items.find((item) => item.checkId === 'readiness-probe')?.status).toBe('waived');
    expect(shop?.signedOff).toBe('review-0001');
    expect(output.manifestErrors).toEqual([
      { file: 'cluster.reviews/billing/review-0001.yaml', line: 1, message: 'its metadata.namespace is not billing, the folder it is in' },
    ]);
    // The review folder's namespaces are not graded as namespaces of the snapshot.
    expect(output.report.namespaces.map((namespace) => namespace.namespace)).toEqual(['shop']);
  });

  it('holds no reviews when it does not exist', async () => {
    expect(await loadReviewFolder(path.join(root, 'missing.reviews'))).toEqual({ objects: [], errors: [] });
  });
});
