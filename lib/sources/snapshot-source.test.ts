import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { createSnapshotSource } from './snapshot-source';

const HOSTILE = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'hostile');
const info = { name: 'snapshot', kind: 'snapshot' as const, label: 'test' };

describe('createSnapshotSource', () => {
  it('grades what it can read and reports the rest by file and line', async () => {
    const result = await createSnapshotSource(info, HOSTILE).load();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.cluster.report.namespaces.map((report) => report.namespace)).toEqual(['hostile', 'sandbox']);
    expect(result.cluster.manifestErrors).toHaveLength(1);
    expect(result.cluster.manifestErrors[0]?.file).toMatch(/broken\.yaml$/);
    expect(result.cluster.manifestErrors[0]?.line).toBe(5);
    expect(result.cluster.ignoredKinds).toEqual({ Widget: 1 });
  });

  it('names a missing path without leaking the server file system layout', async () => {
    const result = await createSnapshotSource(info, '/nonexistent/secret-dir/cluster').load();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('malformed-snapshot');
    expect(result.error.message).toBe('Snapshot path cluster does not exist.');
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('caches until asked for a fresh read', async () => {
    vi.stubEnv('SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS', '0');
    const source = createSnapshotSource(info, HOSTILE);
    const first = await source.load();
    expect(await source.load()).toBe(first);
    const fresh = await source.load({ fresh: true });
    expect(fresh).not.toBe(first);
    expect(fresh.rerun?.accepted).toBe(true);
    if (!fresh.ok || !first.ok) throw new Error('the hostile snapshot should load');
    expect(fresh.cluster).not.toBe(first.cluster);
  });

  it('answers a re-run right after a read with that read, by default', async () => {
    const source = createSnapshotSource(info, HOSTILE);
    const first = await source.load();
    const fresh = await source.load({ fresh: true });
    expect(fresh.rerun?.accepted).toBe(false);
    if (!fresh.ok || !first.ok) throw new Error('the hostile snapshot should load');
    expect(fresh.cluster).toBe(first.cluster);
  });

  it('reads its review folder, and grades again once a sign-off there accepts a risk', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'shipshape-snapshot-reviews-'));
    try {
      const snapshot = path.join(root, 'cluster');
      await mkdir(snapshot);
      const web = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
        },
      };
      await writeFile(path.join(snapshot, 'web.yaml'), stringify(web));
      const source = createSnapshotSource(info, snapshot, { reviewDir: path.join(root, 'cluster.reviews'), readOnly: false });
      const probe = async () => {
        const result = await source.load();
        if (!result.ok) throw new Error(result.error.message);
        return result.cluster.report.namespaces[0]?.items.find((item) => item.checkId === 'readiness-probe')?.status;
      };
      expect(await probe()).toBe('fail');
      const created = await source.reviews?.create({
        namespace: 'shop',
        verdict: 'not-ready',
        notes: '',
        acceptedRisks: [
          {
            checkId: 'readiness-probe',
            object: { kind: 'Deployment', name: 'web' },
            reason: 'batch',
            expires: '2099-01-01',
            acceptedBy: 'lead',
          },
        ],
        fixBeforeGoLive: [],
        shipshapeVersion: '0.4.0',
        configDigest: `sha256:${'d'.repeat(64)}`,
        result: { score: null, grade: null, verdict: 'not-ready', checks: {}, objects: [] },
      });
      expect(created?.ok).toBe(true);
      expect(await probe()).toBe('waived');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('keeps no review store without a review folder, and a read-only one refuses sign-offs', async () => {
    expect(createSnapshotSource(info, HOSTILE).reviews).toBeUndefined();
    const readOnly = createSnapshotSource(info, HOSTILE, { reviewDir: path.join(tmpdir(), 'shipshape-no-such.reviews') });
    expect(await readOnly.reviews?.canWrite('shop')).toMatchObject({ ok: false, reason: 'read-only' });
  });
});
