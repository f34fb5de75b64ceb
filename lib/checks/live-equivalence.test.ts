/**
 * A manifest and the object a kube-apiserver stores for it must grade the same. This test
 * "applies" every check fixture the way a cluster would (API defaults, the objects Kubernetes
 * adds to each namespace, controller-made ReplicaSets, Jobs and Pods, admission plug-ins) and
 * compares each check's result on both. It is a simulation of the cluster, kept deliberately
 * small; the real API server remains the final word.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory, type InventoryOrigin } from '../inventory';
import { effectivePullPolicy } from '../k8s/image-reference';
import type { Container, KubeObject, PodSpec } from '../k8s/objects';
import { parseManifests } from '../snapshot/parse-manifests';
import { CATALOG } from './catalog';
import { type CheckConfig, DEFAULT_CHECK_CONFIG } from './config/settings';
import { evaluateCheck } from './evaluate';
import type { Check } from './types';

/** The checks held to this test. Any check may join; each must then grade every fixture alike in both forms. */
const CHECK_IDS = [
  'image-digest-pinned',
  'image-pull-policy',
  'image-pull-secret',
  'pull-secret-exists',
  'pull-secret-type',
  'pull-secret-registry-host',
  'namespace-pod-security',
  'namespace-single-environment',
  'pod-security-context-set',
  'namespace-network-policy-present',
  'resources-declared',
  'selector-matches-template',
  'policy-targets-pods',
  'ownership-annotations',
  'owner-contact-annotation',
  'version-annotation',
  'required-metadata',
  'rbac-cluster-admin',
  'secret-literal-values',
  'secret-references-exist',
  'env-unique-names',
  'label-values-valid',
  'proc-mount-default',
  'windows-host-process',
  'statefulset-headless-service',
  'priority-class-set',
  'rbac-wildcards',
  'image-tag-pinned',
  'image-minimal-base',
  'probes-distinct',
  'probe-port-declared',
  'capabilities-drop-all',
  'dangerous-capabilities',
];

const CATALOG_DIR = path.join(__dirname, 'catalog');

const clone = <T>(value: T): T => structuredClone(value);

type Spec = Record<string, unknown>;

function defaultProbe(probe: unknown) {
  if (!probe || typeof probe !== 'object') return;
  const fields = probe as Record<string, unknown>;
  fields.timeoutSeconds ??= 1;
  fields.periodSeconds ??= 10;
  fields.successThreshold ??= 1;
  fields.failureThreshold ??= 3;
}

function defaultContainer(container: Container) {
  const fields = container as Container & Record<string, unknown>;
  fields.resources ??= {};
  fields.terminationMessagePath ??= '/dev/termination-log';
  fields.terminationMessagePolicy ??= 'File';
  if (container.image) fields.imagePullPolicy = effectivePullPolicy(container.image, container.imagePullPolicy);
  for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) defaultProbe(probe);
}

/** SetDefaults_PodSpec and SetDefaults_Container. */
function defaultPodSpec(spec: PodSpec) {
  spec.securityContext ??= {};
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultContainer(container);
}

interface LimitRangeItem {
  type?: string;
  default?: Record<string, unknown>;
  defaultRequest?: Record<string, unknown>;
  max?: Record<string, unknown>;
  min?: Record<string, unknown>;
}

/** Admission for a Pod being created: ServiceAccount (name, pull secrets, token volume) and LimitRanger. */
function admitPod(spec: PodSpec, namespace: string, objects: readonly KubeObject[]) {
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const account = objects.find(
    (object) =>
      object.kind === 'ServiceAccount' && object.metadata.name === spec.serviceAccountName && object.metadata.namespace === namespace,
  );
  if (!spec.imagePullSecrets?.length && Array.isArray(account?.imagePullSecrets))
    spec.imagePullSecrets = clone(account.imagePullSecrets as { name: string }[]);
  if (spec.automountServiceAccountToken !== false) {
    spec.volumes = [
      ...(spec.volumes ?? []),
      {
        name: 'kube-api-access-x7k2p',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          ],
        },
      },
    ];
  }
  const items = objects
    .filter((object) => object.kind === 'LimitRange' && object.metadata.namespace === namespace)
    .flatMap((range) =>
      ((range.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? []).filter((item) => item.type === 'Container'),
    );
  for (const item of items) {
    const limits = { ...item.max, ...item.default };
    const requests = { ...item.min, ...limits, ...item.defaultRequest };
    for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
      container.resources ??= {};
      const resources = container.resources;
      for (const [resource, value] of Object.entries(limits)) {
        resources.limits ??= {};
        resources.limits[resource] ??= value as string;
      }
      for (const [resource, value] of Object.entries(requests)) {
        resources.requests ??= {};
        resources.requests[resource] ??= value as string;
      }
    }
  }
}

function templateOf(spec: Spec): { metadata?: { labels?: Record<string, string> }; spec: PodSpec } | undefined {
  return spec.template as { metadata?: { labels?: Record<string, string> }; spec: PodSpec } | undefined;
}

const owner = (object: KubeObject) => [
  { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, uid: `uid-${object.metadata.name}`, controller: true },
];

/** Pods a controller makes from a template (after admission), with extra labels. */
function podsFrom(
  parent: KubeObject,
  template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec },
  count: number,
  labels: Record<string, string>,
  objects: readonly KubeObject[],
) {
  const namespace = parent.metadata.namespace ?? 'default';
  return Array.from({ length: count }, (_, index) => {
    const spec = clone(template.spec);
    admitPod(spec, namespace, objects);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${parent.metadata.name}-${index}`,
        namespace,
        labels: { ...template.metadata?.labels, ...labels },
        ownerReferences: owner(parent),
      },
      spec,
    } as KubeObject;
  });
}

/** What a cluster holds after `kubectl apply` of these manifests, as far as the checks can tell. */
function asStoredByCluster(manifests: readonly KubeObject[]): KubeObject[] {
  const objects = manifests.map((object) => {
    const copy = clone(object);
    if (!copy.metadata.namespace && !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(copy.kind))
      copy.metadata.namespace = 'default';
    return copy;
  });
  const added: KubeObject[] = [];
  for (const object of objects) {
    const spec = (object.spec ?? {}) as Spec;
    switch (object.kind) {
      case 'Namespace':
        object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name };
        break;
      case 'Deployment': {
        spec.replicas ??= 1;
        spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
        spec.revisionHistoryLimit ??= 10;
        spec.progressDeadlineSeconds ??= 600;
        const template = templateOf(spec);
        if (!template) break;
        defaultPodSpec(template.spec);
        const hash = { 'pod-template-hash': '5d8f7c9b4' };
        const replicaSet: KubeObject = {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: `${object.metadata.name}-5d8f7c9b4`,
            namespace: object.metadata.namespace,
            labels: { ...template.metadata?.labels, ...hash },
            ownerReferences: owner(object),
          },
          spec: {
            replicas: spec.replicas,
            selector: { matchLabels: { ...(spec.selector as { matchLabels?: object })?.matchLabels, ...hash } },
            template: { metadata: { labels: { ...template.metadata?.labels, ...hash } }, spec: clone(template.spec) },
          },
        };
        added.push(replicaSet, ...podsFrom(replicaSet, template, spec.replicas as number, hash, objects));
        break;
      }
      case 'StatefulSet':
      case 'DaemonSet': {
        if (object.kind === 'StatefulSet') {
          spec.replicas ??= 1;
          spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
          spec.podManagementPolicy ??= 'OrderedReady';
        } else {
          spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
        }
        spec.revisionHistoryLimit ??= 10;
        const template = templateOf(spec);
        if (!template) break;
        defaultPodSpec(template.spec);
        added.push(
          ...podsFrom(object, template, (spec.replicas as number | undefined) ?? 1, { 'controller-revision-hash': '6c9d8f' }, objects),
        );
        break;
      }
      case 'Job':
      case 'CronJob': {
        const jobSpec = object.kind === 'Job' ? spec : ((spec.jobTemplate as { spec?: Spec } | undefined)?.spec ?? {});
        if (object.kind === 'CronJob') {
          spec.concurrencyPolicy ??= 'Allow';
          spec.suspend ??= false;
          spec.successfulJobsHistoryLimit ??= 3;
          spec.failedJobsHistoryLimit ??= 1;
        }
        jobSpec.backoffLimit ??= 6;
        jobSpec.completions ??= 1;
        jobSpec.parallelism ??= 1;
        const template = templateOf(jobSpec);
        if (!template) break;
        defaultPodSpec(template.spec);
        if (object.kind === 'Job') {
          // The API server generates the selector and labels the template with the Job's uid.
          const generated = {
            'batch.kubernetes.io/controller-uid': 'uid-job',
            'batch.kubernetes.io/job-name': object.metadata.name,
            'controller-uid': 'uid-job',
            'job-name': object.metadata.name,
          };
          if (!jobSpec.manualSelector) {
            jobSpec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-job' } };
            template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...generated } };
          }
          added.push(...podsFrom(object, template, 1, {}, objects));
        } else {
          const job: KubeObject = {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: { name: `${object.metadata.name}-28912345`, namespace: object.metadata.namespace, ownerReferences: owner(object) },
            spec: clone(jobSpec),
          };
          added.push(job, ...podsFrom(job, template, 1, { 'job-name': job.metadata.name }, objects));
        }
        break;
      }
      case 'Pod':
        if (!object.metadata.ownerReferences?.length) {
          defaultPodSpec(spec as unknown as PodSpec);
          admitPod(spec as unknown as PodSpec, object.metadata.namespace ?? 'default', objects);
        }
        break;
      case 'Service':
        spec.type ??= 'ClusterIP';
        if (spec.type !== 'ExternalName') spec.clusterIP ??= '10.96.0.42';
        spec.sessionAffinity ??= 'None';
        break;
      case 'NetworkPolicy':
        spec.podSelector ??= {};
        spec.policyTypes ??= Array.isArray(spec.egress) ? ['Ingress', 'Egress'] : ['Ingress'];
        break;
      case 'Secret': {
        object.type ??= 'Opaque';
        const stringData = object.stringData as Record<string, string> | undefined;
        if (stringData) {
          const encoded = Object.fromEntries(Object.entries(stringData).map(([key, value]) => [key, btoa(value)]));
          object.data = { ...(object.data as object | undefined), ...encoded };
          delete object.stringData;
        }
        break;
      }
    }
    object.spec = object.spec === undefined ? undefined : spec;
    if (object.spec === undefined) delete object.spec;
  }
  // What every namespace of a cluster holds, whatever was applied.
  const namespaces = new Set(objects.flatMap((object) => (object.metadata.namespace ? [object.metadata.namespace] : [])));
  for (const name of namespaces) {
    const has = (kind: string, objectName: string, inNamespace?: string) =>
      objects.some((object) => object.kind === kind && object.metadata.name === objectName && object.metadata.namespace === inNamespace);
    if (!has('Namespace', name))
      added.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
    if (!has('ServiceAccount', 'default', name))
      added.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    added.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: name },
      data: { 'ca.crt': 'fixture' },
    });
    if (name === 'default' && !has('Service', 'kubernetes', 'default'))
      added.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
      });
  }
  return [...objects, ...added];
}

function configFor(check: Check): CheckConfig {
  const file = path.join(CATALOG_DIR, check.principle, `${check.id}.config.json`);
  if (!existsSync(file)) return DEFAULT_CHECK_CONFIG;
  return { ...DEFAULT_CHECK_CONFIG, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckConfig>) };
}

/**
 * Fixtures written as manifests, the catalog's and the corpus of real projects'; fixtures of live
 * state (objects with a status) are already "as stored".
 */
const MANIFEST_DIRS = [CATALOG_DIR, path.join(__dirname, 'corpus')];
/** Not manifests: the corpus's hand-written expectations. */
const NOT_MANIFESTS = new Set(['expected.yaml']);
const manifestFiles = MANIFEST_DIRS.flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml') && !NOT_MANIFESTS.has(path.basename(file)))
    .sort()
    .map((file) => [dir, file] as const),
);
/** Fixtures that do not parse cleanly are named by a test below, never dropped silently. */
const unparsable: string[] = [];
const FIXTURES = manifestFiles.flatMap(([dir, file]) => {
  const parsed = parseManifests(readFileSync(path.join(dir, file), 'utf8'), file);
  if (parsed.errors.length > 0) {
    unparsable.push(file);
    return [];
  }
  if (parsed.objects.some((object) => object.status !== undefined)) return [];
  return [[file, parsed.objects] as const];
});

it('reads every catalog fixture and corpus manifest', () => {
  expect(unparsable).toEqual([]);
  expect(FIXTURES.length).toBeGreaterThan(100);
});

describe.each(CATALOG.filter((check) => CHECK_IDS.includes(check.id)).map((check) => [check.id, check] as const))('%s', (_id, check) => {
  const config = configFor(check);
  // A check that reads Secrets grades a missing one by where the objects come from (a warning in
  // manifests, a failure in a cluster): it must grade alike under each origin. What the origin
  // itself changes is held below.
  const origins: readonly InventoryOrigin[] = check.reads.includes('Secret') ? ['files', 'live'] : ['files'];
  it.each(FIXTURES)('grades %s the same from the manifest and from the cluster', (_file, manifests) => {
    for (const origin of origins) {
      const snapshot = buildInventory(manifests, [], { origin });
      const live = buildInventory(asStoredByCluster(manifests), [], { origin });
      const grade = (inventory: typeof live) =>
        Object.fromEntries(
          [...snapshot.namespaces.keys()].map((name): [string, unknown] => {
            const namespace = inventory.namespaces.get(name);
            if (!namespace) return [name, 'missing'];
            const item = evaluateCheck(check, namespace, inventory, config);
            return [name, { status: item.status, counts: item.counts }];
          }),
        );
      expect(grade(live), origin).toEqual(grade(snapshot));
    }
  });
});

/**
 * Read from a cluster rather than from files, the same objects grade the same but for one thing:
 * a Secret a pod names that is nowhere in the objects. Manifests seldom hold Secrets, so there it
 * is a warning ("not in these manifests"); a cluster that lacks it lacks it ("does not exist in
 * the namespace"), which may then fail.
 */
const RANK = { pass: 0, warn: 1, fail: 2 } as const;

describe('origin of the objects', () => {
  it.each(FIXTURES)('%s: only missing Secrets grade differently from a cluster', (_file, manifests) => {
    const files = buildInventory(manifests, [], { origin: 'files' });
    const cluster = buildInventory(manifests, [], { origin: 'live' });
    const differences: string[] = [];
    for (const check of CATALOG) {
      for (const namespace of files.namespaces.values()) {
        const findings = (inventory: typeof files) =>
          check.evaluate({ namespace: inventory.namespaces.get(namespace.name) ?? namespace, inventory, config: configFor(check) });
        const fromFiles = findings(files);
        const fromCluster = findings(cluster);
        expect(
          fromCluster.map((finding) => finding.object),
          check.id,
        ).toEqual(fromFiles.map((finding) => finding.object));
        fromFiles.forEach((finding, index) => {
          const other = fromCluster[index];
          if (!other || (other.status === finding.status && other.message === finding.message)) return;
          // Worse from a cluster, never better: the same words, but a Secret now known to be missing.
          expect(RANK[other.status], `${check.id}: ${finding.message}`).toBeGreaterThanOrEqual(RANK[finding.status]);
          expect(finding.message).toContain('not in these manifests');
          expect(other.message).toContain('does not exist in the namespace');
          differences.push(check.id);
        });
      }
    }
    for (const id of differences) expect(['pull-secret-exists', 'secret-references-exist']).toContain(id);
  });

  it('tells a missing Secret apart in the fixtures written for it', () => {
    const manifests = FIXTURES.find(([file]) => path.basename(file) === 'secret-references-exist.warn.yaml')?.[1] ?? [];
    const statusFrom = (origin: InventoryOrigin) => {
      const inventory = buildInventory(manifests, [], { origin });
      const namespace = inventory.namespaces.get('fixture');
      const check = CATALOG.find((candidate) => candidate.id === 'secret-references-exist');
      if (!namespace || !check) throw new Error('fixture or check missing');
      return evaluateCheck(check, namespace, inventory, DEFAULT_CHECK_CONFIG).status;
    };
    expect([statusFrom('files'), statusFrom('live')]).toEqual(['warn', 'fail']);
  });
});
