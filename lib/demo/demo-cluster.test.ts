/**
 * The bundled demo cluster (Kestrel Freight): every manifest parses, would be accepted by
 * a kube-apiserver as far as can be told without one, and really holds the canary values
 * that leak tests look for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The generated OpenAPI models only: the package's main entry also loads its HTTP client.
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../k8s/objects';
import { parseManifests } from '../snapshot/parse-manifests';
import { CANARY_PREFIX, DEMO_CANARIES, DEMO_LITERAL_SECRETS, LITERAL_PREFIX } from './canaries';
import { DEMO_NAMESPACES } from './demo-cluster';

const MANIFEST_DIR = path.join(import.meta.dirname, 'manifests');

/** The manifest files in the order `kubectl apply -f lib/demo/manifests/` uses. */
function demoManifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(dir, name));
}

interface ManifestFile {
  name: string;
  objects: KubeObject[];
}

const FILES: ManifestFile[] = demoManifestFiles(MANIFEST_DIR).map((file) => {
  const parsed = parseManifests(readFileSync(file, 'utf8'), file);
  return { name: path.basename(file, '.yaml'), objects: parsed.objects };
});
const ALL = FILES.flatMap((file) => file.objects);

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const id = (object: KubeObject) => `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
const ofKind = (kind: string) => ALL.filter((object) => object.kind === kind);
const specOf = (object: KubeObject) => asRecord(object.spec);

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
};

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/**
 * References that dangle on purpose, each planted for the check that finds it; every other
 * reference must resolve. The API server accepts all three (only the pods they would start
 * fail), so the manifests still apply to a real cluster.
 */
const PLANTED_DANGLING_REFERENCES = [
  // service-account-exists
  'CronJob legacy-crm/nightly-export: ServiceAccount crm-export',
  // pull-secret-exists
  'CronJob tracking/purge-old-positions: pull secret ecr-credentials',
  // secret-references-exist
  'CronJob batch-reports/invoice-export: envFrom Secret reports-s3',
];

/** The pod template of a workload (CronJobs nest theirs in jobTemplate). */
function podTemplateOf(object: KubeObject): Json {
  const spec = specOf(object);
  if (object.kind === 'CronJob') return asRecord(asRecord(asRecord(spec.jobTemplate).spec).template);
  return asRecord(spec.template);
}

function containersOf(object: KubeObject): Json[] {
  const podSpec = asRecord(podTemplateOf(object).spec);
  return [...asArray(podSpec.containers), ...asArray(podSpec.initContainers)].map(asRecord);
}

function isValidBase64(value: string): boolean {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) return false;
  return Buffer.from(Buffer.from(value, 'base64').toString('utf8'), 'utf8').toString('base64') === value;
}

const decodeBase64 = (value: string) => Buffer.from(value, 'base64').toString('utf8');

/** Every plain-text value a Secret holds: stringData as is, data decoded, registry auths decoded. */
function secretPlainValues(secret: KubeObject): string[] {
  const values: string[] = [];
  for (const value of Object.values(asRecord(secret.stringData))) if (typeof value === 'string') values.push(value);
  for (const value of Object.values(asRecord(secret.data))) if (typeof value === 'string') values.push(decodeBase64(value));
  if (secret.type === 'kubernetes.io/dockerconfigjson') {
    const raw =
      (asRecord(secret.stringData)['.dockerconfigjson'] as string | undefined) ??
      decodeBase64((asRecord(secret.data)['.dockerconfigjson'] as string | undefined) ?? '');
    const auths = asRecord(asRecord(JSON.parse(raw)).auths);
    for (const entry of Object.values(auths)) {
      const auth = asRecord(entry).auth;
      if (typeof auth === 'string') values.push(decodeBase64(auth));
    }
  }
  return values;
}

const CANARY_PATTERN = new RegExp(`${CANARY_PREFIX}[A-Za-z0-9-]+[A-Za-z0-9]`, 'g');

/** Label values: at most 63 characters, alphanumerics with - _ . inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

function labelProblems(labels: unknown, where: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(asRecord(labels))) {
    const [prefix, name] = key.includes('/') ? key.split('/', 2) : [undefined, key];
    if (prefix !== undefined && !(prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix))) problems.push(`${where}: label key prefix ${key}`);
    if (!name || name.length > 63 || !LABEL_NAME.test(name)) problems.push(`${where}: label key ${key}`);
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
      problems.push(`${where}: label ${key}=${String(value)}`);
  }
  return problems;
}

function annotationProblems(annotations: unknown, where: string): string[] {
  return Object.entries(asRecord(annotations))
    .filter(([, value]) => typeof value !== 'string')
    .map(([key]) => `${where}: annotation ${key} is not a string`);
}

/** Resource quantities must be YAML strings ("250m", "1", "256Mi") that parse as quantities. */
function quantityProblems(values: unknown, where: string): string[] {
  return Object.entries(asRecord(values))
    .filter(([, value]) => typeof value !== 'string' || !QUANTITY.test(value))
    .map(([key, value]) => `${where}: ${key}=${JSON.stringify(value)} is not a quantity string`);
}

interface ModelAttribute {
  baseName: string;
  type: string;
}

const MODELS = models as unknown as Record<string, { getAttributeTypeMap?: () => ModelAttribute[] } | undefined>;

/** The client-node model class (generated from the API's OpenAPI spec) of each kind. */
const MODEL_OF_KIND: Record<string, string> = {
  ...Object.fromEntries(Object.keys(API_VERSIONS).map((kind) => [kind, `V1${kind}`])),
  HorizontalPodAutoscaler: 'V2HorizontalPodAutoscaler',
};

/**
 * Fields and value types against the API's OpenAPI models: what `kubectl apply`'s strict
 * field validation would reject (an unknown or misplaced field, a number where a string goes).
 */
function schemaProblems(value: unknown, type: string, where: string, out: string[]): void {
  const array = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (value === null || value === undefined) out.push(`${where}: null`);
  else if (type === 'any') return;
  else if (type === 'string' || type === 'Date') {
    if (typeof value !== 'string') out.push(`${where}: expected a string, got ${JSON.stringify(value)}`);
  } else if (type === 'number' || type === 'boolean') {
    if (typeof value !== type) out.push(`${where}: expected a ${type}, got ${JSON.stringify(value)}`);
  } else if (type === 'IntOrString') {
    if (typeof value !== 'string' && !Number.isInteger(value)) out.push(`${where}: expected an integer or a string`);
  } else if (array?.[1]) {
    if (!Array.isArray(value)) out.push(`${where}: expected a list`);
    else for (const [index, item] of value.entries()) schemaProblems(item, array[1], `${where}[${index}]`, out);
  } else if (map?.[1]) {
    if (typeof value !== 'object' || Array.isArray(value)) out.push(`${where}: expected a map`);
    else for (const [key, item] of Object.entries(value)) schemaProblems(item, map[1], `${where}.${key}`, out);
  } else {
    const attributes = MODELS[type]?.getAttributeTypeMap?.();
    if (!attributes) out.push(`${where}: no model ${type}`);
    else if (typeof value !== 'object' || Array.isArray(value)) out.push(`${where}: expected an object (${type})`);
    else {
      for (const [key, item] of Object.entries(value)) {
        const attribute = attributes.find((entry) => entry.baseName === key);
        if (attribute) schemaProblems(item, attribute.type, `${where}.${key}`, out);
        else out.push(`${where}: unknown field ${key} (${type})`);
      }
    }
  }
}

describe('demo cluster manifests', () => {
  it('has one file per demo namespace plus cluster-scoped.yaml', () => {
    expect(FILES.map((file) => file.name).sort()).toEqual([...DEMO_NAMESPACES, 'cluster-scoped'].sort());
  });

  it.each(demoManifestFiles(MANIFEST_DIR).map((file) => [path.basename(file), file]))('%s parses cleanly', (_name, file) => {
    const parsed = parseManifests(readFileSync(file, 'utf8'), file);
    expect(parsed.errors).toEqual([]);
    expect(parsed.ignoredKinds).toEqual({});
    expect(parsed.objects.length).toBeGreaterThan(0);
  });

  it('uses every kind Shipshape reads that a demo needs', () => {
    const kinds = new Set(ALL.map((object) => object.kind));
    expect([...Object.keys(API_VERSIONS)].filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('uses the served apiVersion of every kind', () => {
    const wrong = ALL.filter((object) => API_VERSIONS[object.kind] !== object.apiVersion).map(
      (object) => `${id(object)}: ${object.apiVersion}`,
    );
    expect(wrong).toEqual([]);
  });

  it('uses only fields the Kubernetes API knows, with the right value types', () => {
    const problems: string[] = [];
    for (const object of ALL) schemaProblems(object, MODEL_OF_KIND[object.kind] ?? `unknown kind ${object.kind}`, id(object), problems);
    expect(problems).toEqual([]);
  });

  it('names no object twice', () => {
    const ids = ALL.map(id);
    expect(ids.filter((value, index) => ids.indexOf(value) !== index)).toEqual([]);
  });

  it('opens each namespace file with its Namespace and keeps every object in it', () => {
    for (const file of FILES.filter((entry) => entry.name !== 'cluster-scoped')) {
      const [first, ...rest] = file.objects;
      expect(first?.kind, file.name).toBe('Namespace');
      expect(first?.metadata.name, file.name).toBe(file.name);
      expect(first?.metadata.labels?.['kestrel.example/team'], file.name).toBeTruthy();
      expect(first?.metadata.annotations?.['shipshape.dev/owner'], file.name).toBeTruthy();
      const misplaced = rest.filter((object) => CLUSTER_SCOPED.has(object.kind) || object.metadata.namespace !== file.name).map(id);
      expect(misplaced, file.name).toEqual([]);
    }
  });

  it('keeps cluster-scoped.yaml to ClusterRoles and ClusterRoleBindings without a namespace', () => {
    const file = FILES.find((entry) => entry.name === 'cluster-scoped');
    const objects = file?.objects ?? [];
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter((object) => !['ClusterRole', 'ClusterRoleBinding'].includes(object.kind)).map(id)).toEqual([]);
    expect(objects.filter((object) => object.metadata.namespace !== undefined).map(id)).toEqual([]);
  });

  it('gives objects names the API server accepts', () => {
    const bad: string[] = [];
    for (const object of ALL) {
      const name = object.metadata.name;
      if (object.kind.includes('Role')) {
        if (name.includes('/') || name.includes('%') || name === '.' || name === '..') bad.push(id(object));
      } else if (
        object.kind === 'Namespace'
          ? !DNS_LABEL.test(name)
          : object.kind === 'Service'
            ? !DNS_1035_LABEL.test(name)
            : !DNS_SUBDOMAIN.test(name)
      ) {
        bad.push(id(object));
      }
      if (name.length > (object.kind === 'Namespace' || object.kind === 'Service' ? 63 : 253)) bad.push(`${id(object)}: too long`);
      if (object.kind === 'CronJob' && name.length > 52) bad.push(`${id(object)}: CronJob names are at most 52 characters`);
    }
    expect(bad).toEqual([]);
  });

  it('uses valid label keys and values, and string annotations, everywhere', () => {
    const problems: string[] = [];
    for (const object of ALL) {
      problems.push(...labelProblems(object.metadata.labels, id(object)), ...annotationProblems(object.metadata.annotations, id(object)));
      if (WORKLOADS.includes(object.kind)) {
        const template = asRecord(podTemplateOf(object).metadata);
        problems.push(...labelProblems(template.labels, `${id(object)} template`));
        problems.push(...annotationProblems(template.annotations, `${id(object)} template`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('selects its own pod template from every Deployment, StatefulSet and DaemonSet', () => {
    const problems: string[] = [];
    for (const object of ALL.filter((entry) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(entry.kind))) {
      const selector = asRecord(asRecord(specOf(object).selector).matchLabels);
      const labels = asRecord(asRecord(podTemplateOf(object).metadata).labels);
      if (Object.keys(selector).length === 0) problems.push(`${id(object)}: empty selector`);
      for (const [key, value] of Object.entries(selector))
        if (labels[key] !== value) problems.push(`${id(object)}: ${key}=${String(value)}`);
    }
    expect(problems).toEqual([]);
  });

  it('points every StatefulSet at a headless Service that selects its pods', () => {
    for (const statefulSet of ofKind('StatefulSet')) {
      const service = ofKind('Service').find(
        (entry) => entry.metadata.namespace === statefulSet.metadata.namespace && entry.metadata.name === specOf(statefulSet).serviceName,
      );
      expect(service, id(statefulSet)).toBeDefined();
      if (!service) continue;
      expect(specOf(service).clusterIP, id(service)).toBe('None');
      const labels = asRecord(asRecord(podTemplateOf(statefulSet).metadata).labels);
      for (const [key, value] of Object.entries(asRecord(specOf(service).selector))) expect(labels[key], id(service)).toBe(value);
    }
  });

  it('declares container ports as integers with valid names, and probes on declared ports but for the one planted mistake', () => {
    const problems: string[] = [];
    for (const workload of ALL.filter((object) => WORKLOADS.includes(object.kind))) {
      for (const container of containersOf(workload)) {
        const where = `${id(workload)} container ${String(container.name)}`;
        if (typeof container.name !== 'string' || !DNS_LABEL.test(container.name)) problems.push(`${where}: container name`);
        if (typeof container.image !== 'string' || container.image === '') problems.push(`${where}: no image`);
        const portNames = new Set<string>();
        for (const port of asArray(container.ports).map(asRecord)) {
          if (!Number.isInteger(port.containerPort)) problems.push(`${where}: containerPort ${String(port.containerPort)}`);
          if (port.name !== undefined) {
            if (typeof port.name !== 'string' || port.name.length > 15 || !PORT_NAME.test(port.name))
              problems.push(`${where}: port name ${String(port.name)}`);
            else portNames.add(port.name);
          }
        }
        for (const probeKey of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
          const probe = asRecord(container[probeKey]);
          for (const handler of ['httpGet', 'tcpSocket']) {
            const port = asRecord(probe[handler]).port;
            if (typeof port === 'string' && !portNames.has(port)) problems.push(`${where}: ${probeKey} on undeclared port ${port}`);
          }
        }
      }
    }
    // tracking-api's liveness probe still names a port renamed in 5.2: what probe-port-declared fails in the demo.
    expect(problems).toEqual(['Deployment tracking/tracking-api container api: livenessProbe on undeclared port admin']);
  });

  it('mounts only volumes the pod declares (or the StatefulSet claims)', () => {
    const problems: string[] = [];
    for (const workload of ALL.filter((object) => WORKLOADS.includes(object.kind))) {
      const podSpec = asRecord(podTemplateOf(workload).spec);
      const declared = new Set([
        ...asArray(podSpec.volumes).map((volume) => String(asRecord(volume).name)),
        ...asArray(specOf(workload).volumeClaimTemplates).map((claim) => String(asRecord(asRecord(claim).metadata).name)),
      ]);
      for (const container of containersOf(workload)) {
        for (const mount of asArray(container.volumeMounts).map(asRecord)) {
          if (!declared.has(String(mount.name)))
            problems.push(`${id(workload)} container ${String(container.name)}: volume ${String(mount.name)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes every resource quantity as a string', () => {
    const problems: string[] = [];
    for (const workload of ALL.filter((object) => WORKLOADS.includes(object.kind))) {
      for (const container of containersOf(workload)) {
        const resources = asRecord(container.resources);
        const where = `${id(workload)} container ${String(container.name)}`;
        problems.push(...quantityProblems(resources.requests, where), ...quantityProblems(resources.limits, where));
      }
      for (const claim of asArray(specOf(workload).volumeClaimTemplates).map(asRecord)) {
        problems.push(...quantityProblems(asRecord(asRecord(asRecord(claim.spec).resources).requests), `${id(workload)} claim`));
      }
    }
    for (const quota of ofKind('ResourceQuota')) problems.push(...quantityProblems(asRecord(specOf(quota).hard), id(quota)));
    for (const limitRange of ofKind('LimitRange')) {
      for (const limit of asArray(specOf(limitRange).limits).map(asRecord)) {
        for (const key of ['default', 'defaultRequest', 'max', 'min'])
          problems.push(...quantityProblems(limit[key], `${id(limitRange)} ${key}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('refers only to Secrets, ConfigMaps and ServiceAccounts that exist, with keys that exist (but for the planted mistakes)', () => {
    const find = (kind: string, namespace: string | undefined, name: unknown) =>
      ALL.find((object) => object.kind === kind && object.metadata.namespace === namespace && object.metadata.name === name);
    const keysOf = (object: KubeObject) => new Set([...Object.keys(asRecord(object.data)), ...Object.keys(asRecord(object.stringData))]);
    const problems: string[] = [];
    for (const workload of ALL.filter((object) => WORKLOADS.includes(object.kind))) {
      const namespace = workload.metadata.namespace;
      const podSpec = asRecord(podTemplateOf(workload).spec);
      const serviceAccount = podSpec.serviceAccountName;
      if (serviceAccount !== undefined && serviceAccount !== 'default' && !find('ServiceAccount', namespace, serviceAccount)) {
        problems.push(`${id(workload)}: ServiceAccount ${String(serviceAccount)}`);
      }
      for (const pullSecret of asArray(podSpec.imagePullSecrets).map(asRecord)) {
        if (!find('Secret', namespace, pullSecret.name)) problems.push(`${id(workload)}: pull secret ${String(pullSecret.name)}`);
      }
      for (const volume of asArray(podSpec.volumes).map(asRecord)) {
        const secretName = asRecord(volume.secret).secretName;
        if (secretName !== undefined && !find('Secret', namespace, secretName))
          problems.push(`${id(workload)}: volume Secret ${String(secretName)}`);
        const configMapName = asRecord(volume.configMap).name;
        if (configMapName !== undefined && !find('ConfigMap', namespace, configMapName)) {
          problems.push(`${id(workload)}: volume ConfigMap ${String(configMapName)}`);
        }
      }
      for (const container of containersOf(workload)) {
        for (const source of asArray(container.envFrom).map(asRecord)) {
          const secretRef = asRecord(source.secretRef).name;
          if (secretRef !== undefined && !find('Secret', namespace, secretRef))
            problems.push(`${id(workload)}: envFrom Secret ${String(secretRef)}`);
          const configMapRef = asRecord(source.configMapRef).name;
          if (configMapRef !== undefined && !find('ConfigMap', namespace, configMapRef)) {
            problems.push(`${id(workload)}: envFrom ConfigMap ${String(configMapRef)}`);
          }
        }
        for (const variable of asArray(container.env).map(asRecord)) {
          const from = asRecord(variable.valueFrom);
          for (const [refKey, kind] of [
            ['secretKeyRef', 'Secret'],
            ['configMapKeyRef', 'ConfigMap'],
          ] as const) {
            const ref = asRecord(from[refKey]);
            if (ref.name === undefined) continue;
            const target = find(kind, namespace, ref.name);
            if (!target || !keysOf(target).has(String(ref.key)))
              problems.push(`${id(workload)}: ${kind} ${String(ref.name)} key ${String(ref.key)}`);
          }
        }
      }
    }
    for (const serviceAccount of ofKind('ServiceAccount')) {
      for (const pullSecret of asArray(serviceAccount.imagePullSecrets).map(asRecord)) {
        if (!find('Secret', serviceAccount.metadata.namespace, pullSecret.name))
          problems.push(`${id(serviceAccount)}: pull secret ${String(pullSecret.name)}`);
      }
    }
    for (const binding of [...ofKind('RoleBinding'), ...ofKind('ClusterRoleBinding')]) {
      const roleRef = asRecord(binding.roleRef);
      // cluster-admin and the other system ClusterRoles come with every cluster.
      if (roleRef.kind === 'Role' && !find('Role', binding.metadata.namespace, roleRef.name))
        problems.push(`${id(binding)}: Role ${String(roleRef.name)}`);
      if (
        roleRef.kind === 'ClusterRole' &&
        !String(roleRef.name).startsWith('cluster-admin') &&
        !find('ClusterRole', undefined, roleRef.name)
      ) {
        problems.push(`${id(binding)}: ClusterRole ${String(roleRef.name)}`);
      }
      for (const subject of asArray(binding.subjects).map(asRecord)) {
        if (
          subject.kind === 'ServiceAccount' &&
          subject.name !== 'default' &&
          !find('ServiceAccount', String(subject.namespace), subject.name)
        ) {
          problems.push(`${id(binding)}: subject ServiceAccount ${String(subject.namespace)}/${String(subject.name)}`);
        }
      }
    }
    // Exactly the planted ones: a mistake fixed by accident would leave its check with nothing to find.
    expect([...problems].sort()).toEqual([...PLANTED_DANGLING_REFERENCES].sort());
  });

  it('gives every Ingress path a pathType and a backend Service that exists', () => {
    const problems: string[] = [];
    for (const ingress of ofKind('Ingress')) {
      for (const rule of asArray(specOf(ingress).rules).map(asRecord)) {
        for (const entry of asArray(asRecord(rule.http).paths).map(asRecord)) {
          if (!['Prefix', 'Exact', 'ImplementationSpecific'].includes(String(entry.pathType))) problems.push(`${id(ingress)}: pathType`);
          const serviceName = asRecord(asRecord(entry.backend).service).name;
          const exists = ofKind('Service').some(
            (service) => service.metadata.namespace === ingress.metadata.namespace && service.metadata.name === serviceName,
          );
          if (!exists) problems.push(`${id(ingress)}: backend ${String(serviceName)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('encodes every Secret data value as valid base64, and dockerconfigjson as JSON with auths', () => {
    const problems: string[] = [];
    for (const secret of ofKind('Secret')) {
      for (const [key, value] of Object.entries(asRecord(secret.data))) {
        if (typeof value !== 'string' || !isValidBase64(value)) problems.push(`${id(secret)}: data.${key}`);
      }
      if (secret.type === 'kubernetes.io/dockerconfigjson') {
        expect(secretPlainValues(secret).length, id(secret)).toBeGreaterThan(0);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('demo canaries', () => {
  const secrets = ofKind('Secret');
  const plainBySecret = new Map(secrets.map((secret) => [id(secret), secretPlainValues(secret).join('\n')]));
  const allPlain = [...plainBySecret.values()].join('\n');

  it('lists unique canaries that all start with the prefix', () => {
    expect(DEMO_CANARIES.length).toBeGreaterThanOrEqual(secrets.length);
    expect(new Set(DEMO_CANARIES).size).toBe(DEMO_CANARIES.length);
    for (const canary of DEMO_CANARIES) expect(canary.startsWith(CANARY_PREFIX)).toBe(true);
  });

  it.each(DEMO_CANARIES.map((canary) => [canary]))('%s is really in a Secret of the manifests', (canary) => {
    expect(allPlain).toContain(canary);
  });

  it('puts a canary in every Secret', () => {
    expect([...plainBySecret].filter(([, plain]) => !plain.includes(CANARY_PREFIX)).map(([name]) => name)).toEqual([]);
  });

  it('lists every canary the manifests hold', () => {
    const found = new Set(allPlain.match(CANARY_PATTERN) ?? []);
    expect([...found].filter((canary) => !DEMO_CANARIES.includes(canary))).toEqual([]);
  });

  it('plants canaries base64-encoded in data, plain in stringData, and inside registry auths', () => {
    const inStringData = secrets.some((secret) =>
      Object.values(asRecord(secret.stringData)).some((value) => typeof value === 'string' && value.includes(CANARY_PREFIX)),
    );
    const inData = secrets.some((secret) =>
      Object.values(asRecord(secret.data)).some((value) => typeof value === 'string' && decodeBase64(value).includes(CANARY_PREFIX)),
    );
    const inRegistryAuth = secrets.some((secret) => secret.type === 'kubernetes.io/dockerconfigjson');
    expect({ inStringData, inData, inRegistryAuth }).toEqual({ inStringData: true, inData: true, inRegistryAuth: true });
  });

  it('never writes a canary in the clear outside a Secret', () => {
    const outside = ALL.filter((object) => object.kind !== 'Secret' && JSON.stringify(object).includes(CANARY_PREFIX)).map(id);
    expect(outside).toEqual([]);
  });

  it('plants every listed plain-sight credential outside the Secrets, and lists every one planted', () => {
    const plainSight = ALL.filter((object) => object.kind !== 'Secret')
      .map((object) => JSON.stringify(object))
      .join('\n');
    for (const literal of DEMO_LITERAL_SECRETS) {
      expect(literal.startsWith(LITERAL_PREFIX), literal).toBe(true);
      expect(plainSight, literal).toContain(literal);
    }
    const planted = new Set(plainSight.match(new RegExp(`${LITERAL_PREFIX}[A-Za-z0-9-]+[A-Za-z0-9]`, 'g')) ?? []);
    expect([...planted].sort()).toEqual([...DEMO_LITERAL_SECRETS].sort());
    expect(allPlain).not.toContain(LITERAL_PREFIX);
  });
});
