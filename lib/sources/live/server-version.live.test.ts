/**
 * The live source targets the API server's own Kubernetes version, read from the real test
 * control plane's /version (built from k8s.io/kubernetes v1.37, the release DEFAULT_KUBERNETES_VERSION names).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testCluster } from '@test/support/test-cluster';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION } from '../../k8s/api-versions';
import { CONFIG_ENV } from '../config-loader';
import { createKubeClient } from './kube-client';
import { configForContext, loadKubeconfig } from './kubeconfig';
import { createLiveSource } from './live-source';
import { readServerVersion } from './server-version';

const cluster = testCluster();
const kubeconfig = loadKubeconfig({ KUBECONFIG: cluster.kubeconfig });

describe('the API server’s version', () => {
  const previousConfig = process.env[CONFIG_ENV];
  afterEach(() => {
    if (previousConfig === undefined) delete process.env[CONFIG_ENV];
    else process.env[CONFIG_ENV] = previousConfig;
  });

  it('is read from /version as a minor release', async () => {
    const client = createKubeClient(configForContext(kubeconfig.config, 'shipshape-admin'));
    const raw = await client.getJson<{ major: string; minor: string; gitVersion: string }>('/version');
    expect(raw.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(await readServerVersion(client)).toBe(`${raw.major}.${raw.minor.replace('+', '')}`);
    expect(await readServerVersion(client)).toBe(DEFAULT_KUBERNETES_VERSION);
  });

  it('is what a live context is graded against, unless the configuration file names a release', async () => {
    delete process.env[CONFIG_ENV];
    const source = createLiveSource({ name: 'shipshape-admin', kind: 'live', label: 'admin' }, kubeconfig.config);
    const live = await source.load({ fresh: true });
    if (!live.ok) throw new Error(`expected a successful read, got ${live.error.kind}`);
    expect(live.cluster.report.kubernetesVersion).toEqual({ version: DEFAULT_KUBERNETES_VERSION, source: 'server' });
    // Everything the server returns is served at a current version, so nothing fails the check.
    const statuses = live.cluster.report.namespaces.map(
      (namespace) => namespace.items.find((item) => item.checkId === 'api-version-supported')?.status,
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 'pass')).toBe(true);

    const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-version-'));
    const file = path.join(dir, 'shipshape.config.yaml');
    writeFileSync(file, 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\nsettings:\n  kubernetesVersion: "1.30"\n');
    process.env[CONFIG_ENV] = file;
    const configured = await source.load({ fresh: true });
    if (!configured.ok) throw new Error(`expected a successful read, got ${configured.error.kind}`);
    expect(configured.cluster.report.kubernetesVersion).toEqual({ version: '1.30', source: 'configuration' });
  });

  it('does not stop a read when it cannot be had: an unreachable server gives no version, not an error', async () => {
    const client = createKubeClient(configForContext(kubeconfig.config, 'shipshape-unreachable'), {
      timeoutMs: 2_000,
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    });
    expect(await readServerVersion(client)).toBeUndefined();
  });
});
