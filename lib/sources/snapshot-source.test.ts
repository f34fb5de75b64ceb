import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
});
