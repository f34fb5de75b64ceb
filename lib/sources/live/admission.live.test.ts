/**
 * Admission of live objects against the real control plane (review M1/M2): the real API server
 * never stores a Deployment with `containers: [null]`, so a small proxy on loopback sits in front
 * of it and rewrites the Deployment list on its way back. The wrong-typed objects must become
 * per-object manifest errors while everything else is read and graded.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { testCluster } from '@test/support/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedCluster } from '../cluster-source';
import { loadKubeconfig } from './kubeconfig';
import { createLiveSource } from './live-source';

const cluster = testCluster();
const state = cluster.state;
const tls = { ca: readFileSync(state.pki.ca), cert: readFileSync(state.pki.adminCert), key: readFileSync(state.pki.adminKey) };

/** What the proxy broke, so the test knows which objects to expect as errors. */
const broken: { namespace: string; name: string; field: string }[] = [];

/** Rewrites the first two Deployments of the cluster-wide list: `containers: [null]` and `image: 42`. */
interface ListedDeployment {
  metadata: { name: string; namespace: string };
  spec: { template: { spec: { containers: unknown[] } } };
}

function corrupt(body: { items?: ListedDeployment[] }) {
  const [first, second] = body.items ?? [];
  if (first) {
    first.spec.template.spec.containers = [null];
    broken.push({ namespace: first.metadata.namespace, name: first.metadata.name, field: 'spec.template.spec.containers[0]' });
  }
  if (second) {
    second.spec.template.spec.containers[0] = { ...(second.spec.template.spec.containers[0] as object), image: 42 };
    broken.push({ namespace: second.metadata.namespace, name: second.metadata.name, field: 'spec.template.spec.containers[0].image' });
  }
}

const proxy = http.createServer((request, response) => {
  const target = new URL(request.url ?? '/', state.urls.apiserver);
  const { host: _host, 'accept-encoding': _encoding, ...headers } = request.headers;
  const upstream = https.request(target, { method: request.method, headers, ...tls }, (answer) => {
    if (!target.pathname.endsWith('/apis/apps/v1/deployments') || answer.statusCode !== 200) {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (broken.length === 0) corrupt(body);
      const text = JSON.stringify(body);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    });
  });
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
});

let loaded: LoadedCluster;
beforeAll(async () => {
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const kubeconfig = new KubeConfig();
  // The proxy holds the admin certificate; the client talks plain HTTP to it on loopback.
  kubeconfig.loadFromOptions({
    clusters: [{ name: 'proxied', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'proxied' }],
    contexts: [{ name: 'proxied', cluster: 'proxied', user: 'proxied' }],
    currentContext: 'proxied',
  });
  const result = await createLiveSource({ name: 'proxied', kind: 'live', label: 'proxied' }, kubeconfig).load();
  if (!result.ok) throw new Error(`expected a successful read, got ${result.error.kind}: ${result.error.message}`);
  loaded = result.cluster;
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

describe('live admission: wrong-typed objects from the API server', () => {
  it('are left out, each one manifest error naming the list, the object and the field', () => {
    expect(broken).toHaveLength(2);
    expect(loaded.manifestErrors).toEqual(
      broken.map(({ namespace, name, field }) => ({
        file: 'deployments (from the API server)',
        message: expect.stringMatching(
          new RegExp(`^Deployment ${namespace}/${name} was skipped: field ${field.replace(/[[\].]/g, '\\$&')} must be `),
        ),
      })),
    );
    for (const { namespace, name } of broken) {
      const kept = loaded.inventory.namespaces.get(namespace)?.byKind.get('Deployment') ?? [];
      expect(kept.map((object) => object.metadata.name)).not.toContain(name);
    }
  });

  it('while every other object is read and graded, with no internal error', () => {
    expect(loaded.report.namespaces.length).toBeGreaterThan(1);
    const deployments = [...loaded.inventory.namespaces.values()].reduce(
      (sum, namespace) => sum + (namespace.byKind.get('Deployment')?.length ?? 0),
      0,
    );
    expect(deployments).toBeGreaterThan(0);
    expect(loaded.report.namespaces.flatMap((report) => report.items).some((item) => item.reason === 'internal-error')).toBe(false);
  });
});

describe('live admission: what the real API server stores', () => {
  it('fits the schema: not one object of the seeded cluster is refused', async () => {
    const { config } = loadKubeconfig({ KUBECONFIG: cluster.kubeconfig });
    const result = await createLiveSource({ name: 'shipshape-admin', kind: 'live', label: 'admin' }, config).load();
    if (!result.ok) throw new Error(`expected a successful read, got ${result.error.kind}: ${result.error.message}`);
    expect(result.cluster.manifestErrors).toEqual([]);
    expect(result.cluster.report.namespaces.length).toBeGreaterThan(1);
  });
});
