import { describe, expect, it } from 'vitest';
import { buildInventory, normaliseRegistryHost, redactSecret } from './inventory';
import type { KubeObject } from './k8s/objects';

const CANARY = 'SHIPSHAPE-CANARY-unit';

describe('redactSecret', () => {
  it('keeps metadata, type and key names, never values', () => {
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        namespace: 'a',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${CANARY}"}}` },
      },
      type: 'Opaque',
      data: { password: btoa(CANARY) },
      stringData: { token: CANARY },
    };
    const redacted = redactSecret(secret);
    expect(redacted.dataKeys).toEqual(['password', 'token']);
    expect(redacted.type).toBe('Opaque');
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(btoa(CANARY));
  });

  it('reads only registry host names out of a pull secret', () => {
    const config = JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: btoa(`bot:${CANARY}`) }, 'ghcr.io': { auth: 'x' } } });
    const redacted = redactSecret({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'pull', namespace: 'a' },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': btoa(config) },
    });
    expect(redacted.registryHosts).toEqual(['docker.io', 'ghcr.io']);
    expect(JSON.stringify(redacted)).not.toContain(btoa(`bot:${CANARY}`));
  });

  it('keeps host[:port] only: userinfo is cut off and anything else is dropped (review L1)', () => {
    const config = JSON.stringify({
      auths: {
        [`https://robot:${CANARY}@other-registry.example/v2/`]: {},
        [`${CANARY}@registry.example.com:5000`]: {},
        [`not a host ${CANARY}`]: {},
        'https://[::1]:5000/v2/': {},
      },
    });
    const redacted = redactSecret({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'pull', namespace: 'a' },
      type: 'kubernetes.io/dockerconfigjson',
      stringData: { '.dockerconfigjson': config },
    });
    expect(redacted.registryHosts).toEqual(['[::1]:5000', 'other-registry.example', 'registry.example.com:5000']);
    expect(JSON.stringify(redacted)).not.toContain(CANARY);
  });

  it.each([
    ['registry.example.com:5000/path', 'registry.example.com:5000'],
    ['https://index.docker.io/v1/', 'docker.io'],
    ['http://user@ghcr.io', 'ghcr.io'],
    ['ghcr.io?token=x', 'ghcr.io'],
    ['*.example.com', '*.example.com'],
    ['', undefined],
    ['https://', undefined],
    ['host:port', undefined],
    ['bad_host.example', undefined],
    ['a b', undefined],
  ])('normaliseRegistryHost(%j) is %j', (entry, expected) => {
    expect(normaliseRegistryHost(entry)).toBe(expected);
  });
});

describe('buildInventory', () => {
  const deployment = (name: string, namespace?: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: namespace ? { name, namespace, managedFields: [{}] } : { name },
    spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x:1' }] } } },
  });

  it('groups by namespace and kind, defaulting to default, and strips managedFields', () => {
    const inventory = buildInventory([
      deployment('a', 'shop'),
      deployment('b'),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } },
    ]);
    expect([...inventory.namespaces.keys()]).toEqual(['default', 'empty', 'shop']);
    const shop = inventory.namespaces.get('shop');
    expect(shop?.workloads.map((workload) => workload.name)).toEqual(['a']);
    expect(shop?.workloads[0]?.replicas).toBe(1);
    expect(shop?.byKind.get('Deployment')?.[0]?.metadata.managedFields).toBeUndefined();
    expect(inventory.namespaces.get('empty')?.namespaceObject?.kind).toBe('Namespace');
  });

  it('does not grade Pods and Jobs that a controller owns', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a-123', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'a-1', controller: true }] },
      spec: { containers: [{ name: 'a', image: 'x:1' }] },
    };
    const inventory = buildInventory([deployment('a', 'shop'), pod]);
    expect(inventory.namespaces.get('shop')?.workloads.map((workload) => workload.kind)).toEqual(['Deployment']);
  });
});

describe('apiVersion', () => {
  it('survives admission for every kind, Secrets and workloads included, so checks can read the version an object was written for', () => {
    const objects: KubeObject[] = [
      {
        apiVersion: 'extensions/v1beta1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: 'legacy', managedFields: [{}] },
        spec: { template: { spec: { containers: [{ name: 'api' }] } } },
      },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'legacy' }, data: { password: 'c2VjcmV0' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] },
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'legacy' }, spec: {} },
    ];
    const inventory = buildInventory(objects);
    const legacy = inventory.namespaces.get('legacy');
    expect(legacy?.byKind.get('Deployment')?.[0]?.apiVersion).toBe('extensions/v1beta1');
    expect(legacy?.workloads[0]?.object.apiVersion).toBe('extensions/v1beta1');
    expect(legacy?.byKind.get('Secret')?.[0]?.apiVersion).toBe('v1');
    expect(legacy?.byKind.get('PodDisruptionBudget')?.[0]?.apiVersion).toBe('policy/v1beta1');
    expect(inventory.clusterScoped.get('ClusterRole')?.[0]?.apiVersion).toBe('rbac.authorization.k8s.io/v1beta1');
  });
});
