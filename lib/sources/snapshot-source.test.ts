import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('caches until asked for a fresh read', async () => {
    const source = createSnapshotSource(info, HOSTILE);
    const first = await source.load();
    expect(await source.load()).toBe(first);
    expect(await source.load({ fresh: true })).not.toBe(first);
  });
});
