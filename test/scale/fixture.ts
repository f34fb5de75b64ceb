/**
 * The scale fixture: a seeded, reproducible cluster of many team namespaces for the benchmark
 * (`npm run bench -- --size S|M|L`), seeded into the real test control plane by seed-scale.ts.
 *
 * Pure: a size and a seed give the same objects, byte for byte. Namespace i draws from its own
 * PRNG stream, so a smaller size is a prefix of a larger one (S's namespaces are M's first 100).
 * Each namespace has a "maturity" in [0, 1] that decides how many good practices it follows,
 * so grading is realistic: some namespaces pass most checks, some fail many.
 *
 * Pods are not generated: Deployments are, and the real controller-manager, scheduler and kwok
 * turn them into Running Pods on the fixture's kwok nodes.
 */

export type ScaleSize = 'S' | 'M' | 'L';

export interface SizeSpec {
  namespaces: number;
  /** kwok nodes (250 Pods each), with room to spare for the Pods the size makes. */
  nodes: number;
}

/** S ≈ 100 namespaces and 1,000 Pods, M ≈ 500 and 5,000, L = 1,000 and ≈ 10,000 (3,000 Deployments). */
export const SCALE_SIZES: Record<ScaleSize, SizeSpec> = {
  S: { namespaces: 100, nodes: 6 },
  M: { namespaces: 500, nodes: 24 },
  L: { namespaces: 1000, nodes: 48 },
};

export const DEFAULT_SCALE_SEED = 20260;

/** Changes whenever the generator's output changes, so a plane seeded by an older one is re-seeded. */
export const FIXTURE_VERSION = 1;

/** Labels every fixture object carries, to tell them from the demo's and Kubernetes' own. */
export const SCALE_LABEL = 'bench.shipshape.dev/fixture';

const TEAMS = ['orders', 'payments', 'catalog', 'search', 'billing', 'identity', 'ledger', 'shipping', 'pricing', 'dispatch'];
const APPS = ['api', 'worker', 'web', 'gateway', 'indexer', 'scheduler', 'notifier', 'exporter'];
const REGISTRIES = ['registry.example.com', 'ghcr.io/kestrel', 'docker.io/library'];

export interface ScaleObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface ScaleFixture {
  size: ScaleSize;
  seed: number;
  nodes: ScaleObject[];
  /** Namespace by namespace; creationPhase() says which must exist before which. */
  objects: ScaleObject[];
  /** Replicas the Deployments ask for: the Pods the cluster will run once settled. */
  replicas: number;
}

/** mulberry32: small, fast, and the same numbers on every platform for a given seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stream per namespace: the seed and the index mixed, so neighbours are not correlated. */
function streamFor(seed: number, index: number): () => number {
  return prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

export function namespaceName(index: number): string {
  return `${TEAMS[index % TEAMS.length]}-${String(index).padStart(4, '0')}`;
}

export function nodeName(index: number): string {
  return `kwok-scale-${String(index + 1).padStart(2, '0')}`;
}

function nodeObject(index: number): ScaleObject {
  const name = nodeName(index);
  const resources = { cpu: '64', memory: '256Gi', pods: '250', 'ephemeral-storage': '1Ti' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        [SCALE_LABEL]: 'node',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': `eu-west-1${'abc'[index % 3]}`,
        type: 'kwok',
      },
    },
    status: {
      allocatable: resources,
      capacity: resources,
      addresses: [{ type: 'InternalIP', address: `10.1.${Math.floor(index / 250)}.${(index % 250) + 1}` }],
    },
  };
}

/** As kubectl's client-side apply leaves it, so objects are as large as in a real cluster. */
function withLastApplied(object: ScaleObject): ScaleObject {
  const applied = JSON.stringify(object);
  object.metadata.annotations = { ...object.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': applied };
  return object;
}

interface Draw {
  rng: () => number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

function draw(rng: () => number): Draw {
  return {
    rng,
    chance: (p) => rng() < p,
    between: (min, max) => min + Math.floor(rng() * (max - min + 1)),
    pick: (items) => items[Math.floor(rng() * items.length)] as (typeof items)[number],
  };
}

/** Fisher–Yates on a copy: the same draws give the same order on every engine. */
function shuffled<T>(d: Draw, items: readonly T[]): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index -= 1) {
    const other = d.between(0, index);
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

function container(d: Draw, app: string, maturity: number, privilegedAllowed: boolean): Record<string, unknown> {
  const pinned = d.chance(0.3 + maturity * 0.7);
  const image = `${d.pick(REGISTRIES)}/${app}:${pinned ? `1.${d.between(0, 30)}.${d.between(0, 9)}` : 'latest'}`;
  const out: Record<string, unknown> = { name: app, image, ports: [{ name: 'http', containerPort: 8080 }] };
  if (d.chance(0.2 + maturity * 0.8)) {
    const cpu = `${d.pick([50, 100, 200, 250])}m`;
    const memory = `${d.pick([64, 128, 256, 512])}Mi`;
    out.resources = d.chance(maturity) ? { requests: { cpu, memory }, limits: { memory } } : { requests: { cpu, memory } };
  }
  if (d.chance(maturity)) out.readinessProbe = { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 };
  if (d.chance(maturity * 0.9)) out.livenessProbe = { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 20 };
  if (privilegedAllowed && d.chance(0.3)) out.securityContext = { privileged: true };
  else if (d.chance(maturity)) {
    out.securityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: d.chance(maturity),
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }
  return out;
}

function namespaceObjects(seed: number, index: number): { objects: ScaleObject[][]; replicas: number } {
  const d = draw(streamFor(seed, index));
  const namespace = namespaceName(index);
  const team = TEAMS[index % TEAMS.length] as string;
  const maturity = d.rng();
  const privilegedAllowed = maturity < 0.15;
  const base = { [SCALE_LABEL]: String(index), team };
  const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace, labels: { ...base, ...labels } });

  // Three phases: the namespace; what Pods depend on at admission; everything else.
  const first: ScaleObject[] = [];
  const second: ScaleObject[] = [];
  const third: ScaleObject[] = [];
  const namespaceLabels: Record<string, string> = { ...base, 'kubernetes.io/metadata.name': namespace };
  if (!privilegedAllowed && d.chance(maturity)) namespaceLabels['pod-security.kubernetes.io/enforce'] = 'baseline';
  if (d.chance(maturity)) namespaceLabels['pod-security.kubernetes.io/warn'] = 'restricted';
  first.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: namespaceLabels } });

  const account = d.chance(maturity) ? 'app' : undefined;
  if (account) second.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(account), automountServiceAccountToken: false });
  for (let config = 0, count = d.between(1, 3); config < count; config += 1) {
    second.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`settings-${config}`),
      data: {
        LOG_LEVEL: d.pick(['info', 'debug', 'warn']),
        FEATURE_FLAGS: 'a,b,c',
        'app.properties': 'x=1\ny=2\n'.repeat(d.between(1, 8)),
      },
    });
  }
  second.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('app-credentials'),
    type: 'Opaque',
    data: { password: 'c2NhbGUtZml4dHVyZQ==' },
  });
  const pullSecret = d.chance(0.5);
  if (pullSecret) {
    const auths = Buffer.from(JSON.stringify({ auths: { 'registry.example.com': { auth: 'YmVuY2g6YmVuY2g=' } } })).toString('base64');
    second.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('registry-pull'),
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': auths },
    });
  }
  // Quotas need every container to have requests and limits: the LimitRange beside it gives defaults.
  if (index % 2 === 0) {
    second.push({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('team-quota'),
      spec: { hard: { pods: '100', 'requests.cpu': '64', 'requests.memory': '256Gi', 'limits.memory': '512Gi' } },
    });
    second.push({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta('container-defaults'),
      spec: {
        limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }],
      },
    });
  }
  if (d.chance(0.3)) {
    second.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('deployer'),
      rules: [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
        ...(d.chance(1 - maturity) ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] : []),
      ],
    });
  }
  const role = d.chance(0.03) ? 'cluster-admin' : d.chance(0.5) ? 'edit' : 'view';
  second.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(`${team}-developers`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `${team}-developers` }],
  });

  let replicas = 0;
  const apps = shuffled(d, APPS).slice(0, d.between(2, 4));
  for (const app of apps) {
    const count = d.chance(1 / 3) ? 4 : 3;
    replicas += count;
    const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': team };
    const template: Record<string, unknown> = {
      metadata: { labels: { ...base, ...labels } },
      spec: {
        ...(account ? { serviceAccountName: account } : {}),
        ...(pullSecret ? { imagePullSecrets: [{ name: 'registry-pull' }] } : {}),
        ...(d.chance(maturity)
          ? {
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'topology.kubernetes.io/zone',
                  whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: { matchLabels: labels },
                },
              ],
            }
          : {}),
        containers: [container(d, app, maturity, privilegedAllowed)],
      },
    };
    third.push(
      withLastApplied({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(app, labels),
        spec: { replicas: count, selector: { matchLabels: labels }, template },
      }),
    );
    third.push(
      withLastApplied({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(app, labels),
        spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      }),
    );
    if (d.chance(maturity)) {
      third.push({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta(app, labels),
        spec: { ...(d.chance(0.8) ? { minAvailable: 1 } : { maxUnavailable: 0 }), selector: { matchLabels: labels } },
      });
    }
    if (d.chance(maturity * 0.25)) {
      third.push({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta(app, labels),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
          minReplicas: d.chance(0.7) ? count : 1,
          maxReplicas: count * 3,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      });
    }
  }
  if (d.chance(maturity)) {
    third.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    for (const app of apps.slice(0, d.between(0, apps.length))) {
      third.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta(`allow-${app}`),
        spec: {
          podSelector: { matchLabels: { 'app.kubernetes.io/name': app } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': team } } }], ports: [{ port: 8080 }] }],
        },
      });
    }
  }
  return { objects: [first, second, third], replicas };
}

/** The fixture of a size, from a seed: the same arguments always give the same objects. */
export function generateScaleFixture(size: ScaleSize, seed: number = DEFAULT_SCALE_SEED): ScaleFixture {
  const spec = SCALE_SIZES[size];
  const objects: ScaleObject[] = [];
  let replicas = 0;
  for (let index = 0; index < spec.namespaces; index += 1) {
    const generated = namespaceObjects(seed, index);
    for (const phase of generated.objects) objects.push(...phase);
    replicas += generated.replicas;
  }
  return {
    size,
    seed,
    nodes: Array.from({ length: spec.nodes }, (_, index) => nodeObject(index)),
    objects,
    replicas,
  };
}

const FIRST_PHASE = new Set(['Namespace']);
const SECOND_PHASE = new Set(['ServiceAccount', 'ConfigMap', 'Secret', 'ResourceQuota', 'LimitRange', 'Role', 'RoleBinding']);

/**
 * When an object can be created: 0 the namespaces, 1 what a Pod needs at admission (its
 * ServiceAccount, the quota and LimitRange that apply to it), 2 the rest.
 */
export function creationPhase(kind: string): 0 | 1 | 2 {
  return FIRST_PHASE.has(kind) ? 0 : SECOND_PHASE.has(kind) ? 1 : 2;
}

export function isScaleSize(value: string): value is ScaleSize {
  return value === 'S' || value === 'M' || value === 'L';
}
