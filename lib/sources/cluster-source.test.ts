import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedLoader, type LoadedCluster, type LoadResult, rerunMinIntervalMs } from './cluster-source';

const context = { name: 'test', kind: 'snapshot' as const, label: 'test' };

function success(tag: string): LoadResult {
  return { ok: true, cluster: { context, evaluatedAt: tag } as unknown as LoadedCluster };
}

function failure(): LoadResult {
  return { ok: false, context, error: { kind: 'unreachable', message: 'down' } };
}

/** A read that finishes when the test says so, recording the signal it was given. */
function controlledReads() {
  const calls: { signal: AbortSignal; finish: (result: LoadResult) => void }[] = [];
  const read = (signal: AbortSignal) =>
    new Promise<LoadResult>((resolve) => {
      calls.push({ signal, finish: resolve });
    });
  return { calls, read };
}

const tag = (result: LoadResult) => (result.ok ? result.cluster.evaluatedAt : `error:${result.error.kind}`);

describe('cachedLoader', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one read in flight among every caller, fresh or not', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, 60_000, { minRerunIntervalMs: 0 });
    const first = load();
    const second = load({ fresh: true });
    const third = load({ signal: new AbortController().signal });
    expect(calls).toHaveLength(1);
    calls[0]?.finish(success('one'));
    expect((await Promise.all([first, second, third])).map(tag)).toEqual(['one', 'one', 'one']);
    expect((await second).rerun?.accepted).toBe(true);
  });

  it('keeps a good read for maxAgeMs, then reads again', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, 5_000, { minRerunIntervalMs: 0 });
    const first = load();
    calls[0]?.finish(success('one'));
    const kept = await first;
    vi.advanceTimersByTime(4_999);
    expect(await load()).toBe(kept);
    vi.advanceTimersByTime(1);
    void load();
    expect(calls).toHaveLength(2);
  });

  it('never keeps a failure: the next request reads again', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, Number.POSITIVE_INFINITY);
    const first = load();
    calls[0]?.finish(failure());
    expect(tag(await first)).toBe('error:unreachable');
    const second = load();
    expect(calls).toHaveLength(2);
    calls[1]?.finish(success('recovered'));
    expect(tag(await second)).toBe('recovered');
  });

  it('turns a read that throws into an internal error, not kept, without its text', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let count = 0;
    const load = cachedLoader(() => {
      count += 1;
      throw new Error('token=SHIPSHAPE-CANARY');
    }, Number.POSITIVE_INFINITY);
    const result = await load();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ kind: 'internal', message: 'Reading the cluster failed unexpectedly.' });
    expect(JSON.stringify(errors.mock.calls)).not.toContain('CANARY');
    await load();
    expect(count).toBe(2);
    errors.mockRestore();
  });

  it('aborts the read only when every request waiting for it has gone', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, 60_000);
    const a = new AbortController();
    const b = new AbortController();
    void load({ signal: a.signal });
    void load({ signal: b.signal });
    const readSignal = calls[0]?.signal;
    a.abort();
    expect(readSignal?.aborted).toBe(false);
    b.abort();
    expect(readSignal?.aborted).toBe(true);
    // The torn-down read is not joined: the next request starts its own.
    void load();
    expect(calls).toHaveLength(2);
  });

  it('never aborts a read that a caller without a signal waits for', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, 60_000);
    const request = new AbortController();
    void load({ signal: request.signal });
    const forever = load();
    request.abort();
    expect(calls[0]?.signal.aborted).toBe(false);
    calls[0]?.finish(success('one'));
    expect(tag(await forever)).toBe('one');
  });

  it('does not abort a read that has finished when its request leaves', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, 60_000);
    const request = new AbortController();
    const first = load({ signal: request.signal });
    calls[0]?.finish(success('one'));
    await first;
    request.abort();
    expect(calls[0]?.signal.aborted).toBe(false);
    expect(tag(await load())).toBe('one');
    expect(calls).toHaveLength(1);
  });

  it('refuses a re-run inside the minimum interval, with the current result and when the next is possible', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, Number.POSITIVE_INFINITY, { minRerunIntervalMs: 10_000 });
    const first = load();
    calls[0]?.finish(success('one'));
    await first;
    vi.advanceTimersByTime(9_999);
    const refused = await load({ fresh: true });
    expect(calls).toHaveLength(1);
    expect(tag(refused)).toBe('one');
    expect(refused.rerun).toEqual({ accepted: false, nextAllowedAt: '2026-12-01T10:00:10.000Z' });
    vi.advanceTimersByTime(1);
    const accepted = load({ fresh: true });
    expect(calls).toHaveLength(2);
    calls[1]?.finish(success('two'));
    expect(tag(await accepted)).toBe('two');
    expect((await accepted).rerun).toEqual({ accepted: true, nextAllowedAt: '2026-12-01T10:00:20.000Z' });
  });

  it('reads again inside the minimum interval after Shipshape itself wrote (a sign-off)', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, Number.POSITIVE_INFINITY, { minRerunIntervalMs: 10_000 });
    const first = load();
    calls[0]?.finish(success('one'));
    await first;
    vi.advanceTimersByTime(1_000);
    const reread = load({ fresh: true, afterWrite: true });
    expect(calls).toHaveLength(2);
    calls[1]?.finish(success('two'));
    expect(tag(await reread)).toBe('two');
    expect(tag(await load())).toBe('two');
  });

  it('lets a re-run through after a failure, since nothing is kept to return', async () => {
    const { calls, read } = controlledReads();
    const load = cachedLoader(read, Number.POSITIVE_INFINITY, { minRerunIntervalMs: 10_000 });
    const first = load();
    calls[0]?.finish(failure());
    await first;
    void load({ fresh: true });
    expect(calls).toHaveLength(2);
  });
});

describe('rerunMinIntervalMs', () => {
  it('defaults to 10 s and reads whole seconds from SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS', () => {
    expect(rerunMinIntervalMs({})).toBe(10_000);
    expect(rerunMinIntervalMs({ SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: '0' })).toBe(0);
    expect(rerunMinIntervalMs({ SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: ' 3 ' })).toBe(3_000);
  });

  it('names a bad value in the log once and uses the default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(rerunMinIntervalMs({ SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: 'soon' })).toBe(10_000);
    expect(rerunMinIntervalMs({ SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS: '-1' })).toBe(10_000);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('SHIPSHAPE_RERUN_MIN_INTERVAL_SECONDS="soon"');
    warn.mockRestore();
  });
});
