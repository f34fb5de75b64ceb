/**
 * Seeds the scale fixture into a running test control plane: raw HTTPS POSTs over a keep-alive
 * agent, a bounded number in flight, phase by phase (namespaces, then what Pods need at
 * admission, then the workloads and the rest), then waits until the Deployments' Pods are
 * Running and Ready: made by the real controller-manager, placed by the real scheduler on kwok
 * nodes, and marked Ready by kwok's stages.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { KINDS } from '../../lib/k8s/kinds';
import type { ApiTarget } from '../control-plane/api';
import { creationPhase, SCALE_LABEL, type ScaleFixture, type ScaleObject } from './fixture';

export interface SeedTimings {
  /** Objects created (nodes included), and how long creating them took. */
  created: number;
  createMs: number;
  /** From the first object created until every replica was Ready. */
  readyMs: number;
  readyReplicas: number;
}

const PLURALS = new Map<string, { apiVersion: string; plural: string; namespaced: boolean }>([
  ...KINDS.map((entry) => [entry.kind, entry] as const),
  ['Node', { apiVersion: 'v1', plural: 'nodes', namespaced: false }],
]);

export function collectionPath(object: ScaleObject): string {
  const entry = PLURALS.get(object.kind);
  if (!entry) throw new Error(`the scale fixture has a ${object.kind}, a kind the seeder does not know`);
  const prefix = entry.apiVersion.includes('/') ? `/apis/${entry.apiVersion}` : `/api/${entry.apiVersion}`;
  const namespace = entry.namespaced ? `/namespaces/${object.metadata.namespace}` : '';
  return `${prefix}${namespace}/${entry.plural}`;
}

/** A keep-alive client for many small requests; statuses are returned, not thrown. */
export function createScaleClient(target: ApiTarget, sockets: number) {
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: sockets,
    ca: readFileSync(target.ca),
    cert: readFileSync(target.cert),
    key: readFileSync(target.key),
  });
  function request(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: string }> {
    const url = new URL(path, target.server);
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const outgoing = https.request(
        url,
        {
          method,
          agent,
          headers: { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': contentType }) },
          timeout: 60_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${url.href} timed out`)));
      outgoing.on('error', reject);
      if (payload !== undefined) outgoing.write(payload);
      outgoing.end();
    });
  }
  return { request, close: () => agent.destroy() };
}

/** Runs `work` on every item with at most `limit` in flight; the first error stops the rest. */
export async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates every object of the fixture (an object that already exists counts as created, so a
 * seeding that was interrupted can run again), then waits for the Pods.
 */
export async function seedScaleFixture(
  target: ApiTarget,
  fixture: ScaleFixture,
  options: { concurrency?: number; readyTimeoutMs?: number; log?: (message: string) => void } = {},
): Promise<SeedTimings> {
  const concurrency = options.concurrency ?? 16;
  const log = options.log ?? (() => {});
  const client = createScaleClient(target, concurrency);
  const started = performance.now();
  try {
    const create = async (object: ScaleObject) => {
      for (let attempt = 1; ; attempt += 1) {
        const response = await client.request('POST', collectionPath(object), object);
        if ((response.status >= 200 && response.status < 300) || response.status === 409) return;
        // The API server sheds load with 429 (and, rarely, a 5xx while it settles): wait and retry.
        if ((response.status === 429 || response.status >= 500) && attempt < 8) {
          await sleep(200 * attempt);
          continue;
        }
        const where = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
        throw new Error(`creating ${object.kind} ${where}${object.metadata.name}: HTTP ${response.status} ${response.body.slice(0, 400)}`);
      }
    };
    await forEachBounded(fixture.nodes, concurrency, create);
    for (const phase of [0, 1, 2] as const) {
      await forEachBounded(
        fixture.objects.filter((object) => creationPhase(object.kind) === phase),
        concurrency,
        create,
      );
    }
    const created = fixture.nodes.length + fixture.objects.length;
    const createMs = performance.now() - started;
    log(`created ${created} objects in ${(createMs / 1000).toFixed(1)} s; waiting for ${fixture.replicas} Pods to be Ready`);

    const deadline = performance.now() + (options.readyTimeoutMs ?? 60 * 60_000);
    let lastLog = 0;
    for (;;) {
      const ready = await readyReplicas(client.request);
      if (ready >= fixture.replicas) return { created, createMs, readyMs: performance.now() - started, readyReplicas: ready };
      if (performance.now() > deadline) {
        throw new Error(
          `only ${ready} of ${fixture.replicas} fixture Pods were Ready after ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
      }
      if (performance.now() - lastLog > 15_000) {
        log(`  ${ready} / ${fixture.replicas} Pods Ready (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        lastLog = performance.now();
      }
      await sleep(2000);
    }
  } finally {
    client.close();
  }
}

/** Ready replicas summed over the fixture's Deployments (a few KB per page, unlike listing Pods). */
async function readyReplicas(request: ReturnType<typeof createScaleClient>['request']): Promise<number> {
  let total = 0;
  let token = '';
  do {
    const query = `labelSelector=${encodeURIComponent(SCALE_LABEL)}&limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    const response = await request('GET', `/apis/apps/v1/deployments?${query}`);
    if (response.status !== 200)
      throw new Error(`listing the fixture's Deployments: HTTP ${response.status} ${response.body.slice(0, 300)}`);
    const page = JSON.parse(response.body) as { items: { status?: { readyReplicas?: number } }[]; metadata?: { continue?: string } };
    for (const item of page.items) total += item.status?.readyReplicas ?? 0;
    token = page.metadata?.continue ?? '';
  } while (token);
  return total;
}
