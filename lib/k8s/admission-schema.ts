/**
 * The shape check every object passes before it enters an inventory, from a file or a cluster:
 * a zod schema of the fields the checks read. It is deep-partial (a field may be missing or
 * null, as the API server and kubectl print them) but a field that is present must have the
 * right type, so `containers: [null]`, `image: 42` or `tls: "yes"` are refused here with the
 * field's path instead of crashing a check later. Unknown fields pass untouched.
 * Pure: no I/O, usable by the checks library, the snapshot parser and the live reader.
 */
import { z } from 'zod';
import { isDns1123Label, type KubeObject } from './objects';

// Optional fields accept null too: `kubectl get -o yaml` prints `creationTimestamp: null`, and
// list responses carry `rules: null`. Array elements do not: `[null]` is never a real item.
const text = z.string().nullish();
const whole = z.number().nullish();
const flag = z.boolean().nullish();
const textMap = z.record(z.string(), z.string()).nullish();
const quantityMap = z.record(z.string(), z.union([z.string(), z.number()])).nullish();
const intOrString = z.union([z.number(), z.string()]).nullish();
const texts = z.array(z.string()).nullish();
const mapping = z.record(z.string(), z.unknown()).nullish();

function list<T extends z.ZodType>(item: T) {
  return z.array(item).nullish();
}

function item<T extends z.ZodRawShape>(shape: T) {
  return z.looseObject(shape);
}

function field<T extends z.ZodRawShape>(shape: T) {
  return z.looseObject(shape).nullish();
}

const labelSelector = field({
  matchLabels: textMap,
  matchExpressions: list(item({ key: text, operator: text, values: texts })),
});

const securityContext = field({
  runAsNonRoot: flag,
  runAsUser: whole,
  runAsGroup: whole,
  fsGroup: whole,
  privileged: flag,
  allowPrivilegeEscalation: flag,
  readOnlyRootFilesystem: flag,
  capabilities: field({ add: texts, drop: texts }),
  seccompProfile: field({ type: text, localhostProfile: text }),
});

const probe = field({
  httpGet: field({ path: text, port: intOrString, host: text, scheme: text }),
  tcpSocket: field({ port: intOrString, host: text }),
  grpc: field({ port: whole, service: text }),
  exec: field({ command: z.array(z.unknown()).nullish() }),
  initialDelaySeconds: whole,
  periodSeconds: whole,
  timeoutSeconds: whole,
  failureThreshold: whole,
  successThreshold: whole,
});

const keyReference = field({ name: text, key: text, optional: flag });

const container = item({
  name: text,
  image: text,
  imagePullPolicy: text,
  restartPolicy: text,
  command: z.array(z.unknown()).nullish(),
  args: z.array(z.unknown()).nullish(),
  ports: list(item({ containerPort: whole, hostPort: whole, name: text, protocol: text })),
  env: list(item({ name: text, value: text, valueFrom: field({ secretKeyRef: keyReference, configMapKeyRef: keyReference }) })),
  envFrom: list(item({ prefix: text, secretRef: field({ name: text }), configMapRef: field({ name: text }) })),
  volumeMounts: list(item({ name: text, mountPath: text, readOnly: flag })),
  resources: field({ requests: quantityMap, limits: quantityMap }),
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
  securityContext,
});

const volume = item({
  name: text,
  hostPath: field({ path: text, type: text }),
  secret: field({ secretName: text, items: list(item({ key: text, path: text })) }),
  configMap: field({ name: text }),
  projected: field({ sources: list(item({ secret: field({ name: text }), configMap: field({ name: text }) })) }),
});

const podSpec = field({
  containers: list(container),
  initContainers: list(container),
  ephemeralContainers: list(container),
  serviceAccountName: text,
  serviceAccount: text,
  automountServiceAccountToken: flag,
  imagePullSecrets: list(item({ name: text })),
  securityContext,
  hostNetwork: flag,
  hostPID: flag,
  hostIPC: flag,
  volumes: list(volume),
  nodeSelector: textMap,
  priorityClassName: text,
  restartPolicy: text,
  terminationGracePeriodSeconds: whole,
  topologySpreadConstraints: list(item({ maxSkew: whole, topologyKey: text, whenUnsatisfiable: text, labelSelector })),
  affinity: mapping,
  tolerations: list(item({ key: text, operator: text, value: text, effect: text })),
});

const templateMetadata = field({ name: text, labels: textMap, annotations: textMap });
const podTemplate = field({ metadata: templateMetadata, spec: podSpec });

const condition = item({ type: text, status: text, reason: text, message: text });
const containerStatus = item({
  name: text,
  ready: flag,
  restartCount: whole,
  state: mapping,
  lastState: mapping,
});

const workloadStatus = field({
  replicas: whole,
  readyReplicas: whole,
  availableReplicas: whole,
  updatedReplicas: whole,
  currentReplicas: whole,
  desiredNumberScheduled: whole,
  numberReady: whole,
  numberAvailable: whole,
  currentRevision: text,
  updateRevision: text,
  observedGeneration: whole,
  phase: text,
  reason: text,
  conditions: list(condition),
  containerStatuses: list(containerStatus),
  initContainerStatuses: list(containerStatus),
});

const rollingUpdate = field({ maxUnavailable: intOrString, maxSurge: intOrString, partition: whole });
const strategy = field({ type: text, rollingUpdate });

const jobSpec = field({
  template: podTemplate,
  backoffLimit: whole,
  activeDeadlineSeconds: whole,
  ttlSecondsAfterFinished: whole,
  completions: whole,
  parallelism: whole,
});

const networkPeer = item({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: field({ cidr: text, except: texts }),
});
const networkPort = item({ port: intOrString, endPort: whole, protocol: text });

const policyRule = item({ apiGroups: texts, resources: texts, verbs: texts, resourceNames: texts, nonResourceURLs: texts });
const roleRef = field({ kind: text, name: text, apiGroup: text });
const subjects = list(item({ kind: text, name: text, namespace: text, apiGroup: text }));

const metadata = z.looseObject({
  name: z.string(),
  namespace: text,
  labels: textMap,
  annotations: textMap,
  ownerReferences: list(item({ kind: text, name: text, controller: flag })),
  creationTimestamp: text,
});

/** The spec (and other top-level fields) each kind's checks read. */
const KIND_FIELDS: Record<string, z.ZodRawShape> = {
  Deployment: {
    spec: field({
      replicas: whole,
      selector: labelSelector,
      template: podTemplate,
      strategy,
      minReadySeconds: whole,
      revisionHistoryLimit: whole,
    }),
    status: workloadStatus,
  },
  StatefulSet: {
    spec: field({
      replicas: whole,
      selector: labelSelector,
      template: podTemplate,
      serviceName: text,
      updateStrategy: strategy,
      podManagementPolicy: text,
    }),
    status: workloadStatus,
  },
  DaemonSet: { spec: field({ selector: labelSelector, template: podTemplate, updateStrategy: strategy }), status: workloadStatus },
  ReplicaSet: { spec: field({ replicas: whole, selector: labelSelector, template: podTemplate }), status: workloadStatus },
  Job: { spec: jobSpec, status: mapping },
  CronJob: {
    spec: field({
      schedule: text,
      timeZone: text,
      concurrencyPolicy: text,
      suspend: flag,
      startingDeadlineSeconds: whole,
      successfulJobsHistoryLimit: whole,
      failedJobsHistoryLimit: whole,
      jobTemplate: field({ metadata: templateMetadata, spec: jobSpec }),
    }),
    status: mapping,
  },
  Pod: { spec: podSpec, status: workloadStatus },
  Service: {
    spec: field({
      type: text,
      selector: textMap,
      clusterIP: text,
      externalIPs: texts,
      externalTrafficPolicy: text,
      loadBalancerSourceRanges: texts,
      allocateLoadBalancerNodePorts: flag,
      ports: list(item({ name: text, port: whole, targetPort: intOrString, nodePort: whole, protocol: text })),
    }),
  },
  Ingress: {
    spec: field({
      ingressClassName: text,
      defaultBackend: mapping,
      tls: list(item({ hosts: texts, secretName: text })),
      rules: list(
        item({
          host: text,
          http: field({ paths: list(item({ path: text, pathType: text, backend: mapping })) }),
        }),
      ),
    }),
  },
  NetworkPolicy: {
    spec: field({
      podSelector: labelSelector,
      policyTypes: texts,
      ingress: list(item({ from: list(networkPeer), ports: list(networkPort) })),
      egress: list(item({ to: list(networkPeer), ports: list(networkPort) })),
    }),
  },
  ResourceQuota: { spec: field({ hard: quantityMap, scopes: texts }) },
  LimitRange: {
    spec: field({
      limits: list(
        item({
          type: text,
          default: quantityMap,
          defaultRequest: quantityMap,
          max: quantityMap,
          min: quantityMap,
          maxLimitRequestRatio: quantityMap,
        }),
      ),
    }),
  },
  PodDisruptionBudget: {
    spec: field({ minAvailable: intOrString, maxUnavailable: intOrString, selector: labelSelector, unhealthyPodEvictionPolicy: text }),
    status: mapping,
  },
  HorizontalPodAutoscaler: {
    spec: field({
      scaleTargetRef: field({ apiVersion: text, kind: text, name: text }),
      minReplicas: whole,
      maxReplicas: whole,
      metrics: z.array(z.unknown()).nullish(),
    }),
    status: mapping,
  },
  ServiceAccount: {
    automountServiceAccountToken: flag,
    imagePullSecrets: list(item({ name: text })),
    secrets: list(item({ name: text })),
  },
  Role: { rules: list(policyRule) },
  ClusterRole: { rules: list(policyRule), aggregationRule: mapping },
  RoleBinding: { roleRef, subjects },
  ClusterRoleBinding: { roleRef, subjects },
  // Values are never read, only key names; a value of the wrong type is the API server's business.
  Secret: { type: text, data: mapping, stringData: mapping },
  ConfigMap: { data: mapping, binaryData: mapping },
  Namespace: { spec: mapping, status: mapping },
  // A review is checked field by field when it is read as one (lib/review/schema.ts), where a bad one is a rejected waiver naming it.
  ReadinessReview: { spec: mapping },
};

const SCHEMAS = new Map(
  Object.entries(KIND_FIELDS).map(([kind, shape]) => [
    kind,
    z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata, ...shape }),
  ]),
);
const ANY_KIND = z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata });

/**
 * A Kind as the API names one: CamelCase, starting with a capital letter. Rules out names such
 * as `constructor`, `__proto__` or `toString` that would collide with object prototypes.
 */
const KIND_NAME = /^[A-Z][A-Za-z0-9]{0,62}$/;

export function isPlausibleKind(kind: string): boolean {
  return KIND_NAME.test(kind);
}

/** `spec.template.spec.containers[0].image`: where a problem is, never what the field holds. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = String(segment);
      // Keys come from the input: plain ones are printed, others (long, odd characters) are not.
      const shown = /^[A-Za-z0-9_.\-/]{1,63}$/.test(name) ? name : '…';
      out += out === '' ? shown : `.${shown}`;
    }
  }
  return out || '(object)';
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** Describe a zod issue by its path and the expected type only: the value is never quoted. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatFieldPath(issue.path);
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
    return `field ${where} must be ${expected}`;
  }
  if (issue.code === 'invalid_union') return `field ${where} has the wrong type`;
  return `field ${where} is not valid`;
}

/**
 * Why this object cannot be admitted, or undefined when it can: a wrong-typed field (its path
 * and expected type), a kind that is no Kind name, or a namespace that is no DNS-1123 label.
 * At most `maxProblems` fields are listed, then how many more there are.
 */
export function admissionProblem(object: KubeObject, maxProblems = 3): string | undefined {
  if (typeof object.kind !== 'string' || !isPlausibleKind(object.kind)) return 'kind is not a Kubernetes kind name';
  const schema = SCHEMAS.get(object.kind) ?? ANY_KIND;
  const result = schema.safeParse(object);
  if (!result.success) {
    const issues = result.error.issues;
    const listed = issues.slice(0, maxProblems).map(describeIssue).join('; ');
    const more = issues.length > maxProblems ? `; and ${issues.length - maxProblems} more` : '';
    return `${listed}${more}`;
  }
  const namespace = object.metadata.namespace;
  if (typeof namespace === 'string' && !isDns1123Label(namespace))
    return 'metadata.namespace is not a valid namespace name (DNS-1123 label)';
  if (object.kind === 'Namespace' && !isDns1123Label(object.metadata.name))
    return 'metadata.name is not a valid namespace name (DNS-1123 label)';
  return undefined;
}

/** `Deployment shop/web`: the object a message is about, from fields already known to be text. */
export function describeObject(object: { kind?: unknown; metadata?: unknown }): string {
  const kind = typeof object.kind === 'string' && isPlausibleKind(object.kind) ? object.kind : 'object';
  const meta = (object.metadata && typeof object.metadata === 'object' ? object.metadata : {}) as Record<string, unknown>;
  const name = typeof meta.name === 'string' && meta.name !== '' ? clip(meta.name) : undefined;
  const namespace = typeof meta.namespace === 'string' && isDns1123Label(meta.namespace) ? meta.namespace : undefined;
  if (!name) return kind;
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** Object names are at most 253 characters in Kubernetes; longer ones are cut in messages. */
function clip(value: string): string {
  return value.length > 253 ? `${value.slice(0, 253)}…` : value;
}
