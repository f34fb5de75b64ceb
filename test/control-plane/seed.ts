/**
 * Seeds the test control plane: the limited users' RBAC, fake kwok nodes, static volumes for the
 * demo's StatefulSets, then the demo manifests themselves (kubectl apply, as a person would),
 * and waits until every workload's pods exist and the healthy ones are Ready. What does not
 * settle is reported with the cluster's own reasons (admission rejections, scheduling), never
 * hidden or "fixed".
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { type ApiTarget, apiApply, apiGet } from './api';
import { REVIEW_SIGNER_ROLE } from './contexts';
import { sleep } from './processes';

/** Pod-template annotation that makes kwok play trouble instead of a healthy start (see kwok/shipshape-trouble.yaml). */
export const TROUBLE_ANNOTATION = 'demo.shipshape.dev/live-trouble';

type Kubectl = (args: readonly string[], input?: string) => Promise<{ code: number; stdout: string; stderr: string }>;

interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; uid: string }[];
  deletionTimestamp?: string;
}
interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: raw API objects
  status?: any;
}
interface List {
  items: Obj[];
}

/** How one demo workload ended up. */
export interface WorkloadStatus {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  desired: number;
  /** Pods that exist (not terminating). */
  created: number;
  ready: number;
  /** The live-trouble annotation on its pod template, if any. */
  trouble: string | null;
  /** Pods the scheduler cannot place. */
  unschedulable: number;
  settled: boolean;
}

/** One pod that shows trouble on purpose, as the API reports it. */
export interface TroubledPod {
  namespace: string;
  name: string;
  /** The live-trouble annotation, or "unschedulable". */
  trouble: string;
  phase: string;
  ready: boolean;
  restarts: number;
  waitingReason: string | null;
  message: string | null;
}

/** What seeding found. */
export interface SeedReport {
  settled: boolean;
  durationMs: number;
  workloads: WorkloadStatus[];
  troubledPods: TroubledPod[];
  /** Pod creations the API server refused (FailedCreate events: quota, LimitRange, PodSecurity, ServiceAccount…). */
  rejected: { namespace: string; kind: string; name: string; message: string }[];
  /** One line per workload that did not settle, with the cluster's reason. */
  problems: string[];
  /** Warnings kubectl apply printed (e.g. PodSecurity "would violate"). */
  applyWarnings: string[];
}

// ---------------------------------------------------------------------------------------------

/** Every document of every YAML file in `dir` (not recursive), as plain objects. */
export function readManifests(dir: string): Obj[] {
  const objects: Obj[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    for (const document of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      const value = document.toJS() as Obj | null;
      if (value && typeof value === 'object' && value.kind) objects.push(value);
    }
  }
  return objects;
}

const MANAGED = { 'app.kubernetes.io/managed-by': 'shipshape-test-control-plane' };

/**
 * Who may read what: `limited` reads its namespaces and lists namespaces; `team` reads one
 * namespace only; `signers` read that namespace and may sign go-live reviews in it.
 */
export interface AccessPlan {
  limited: { user: string; namespaces: readonly string[] };
  team: { user: string; namespace: string };
  signers: { users: readonly string[]; namespace: string };
}

const rbac = '/apis/rbac.authorization.k8s.io/v1';
const userSubjects = (users: readonly string[]) => users.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name }));

/**
 * What a team needs to sign reviews in its namespace, as deploy/crd/example/review-signer-rbac.yaml
 * shows: a Role with create, get, list and watch on readinessreviews, bound to the signers, and
 * `view` to read the namespace. RBAC may name a resource before its CRD exists: the seed grants
 * it, tests install the CRD.
 */
export function reviewSignerObjects(namespace: string, users: readonly string[]): { path: string; object: object }[] {
  return [
    {
      path: `${rbac}/namespaces/${namespace}/roles/${REVIEW_SIGNER_ROLE}`,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: REVIEW_SIGNER_ROLE, namespace, labels: MANAGED },
        rules: [{ apiGroups: ['reviews.shipshape.dev'], resources: ['readinessreviews'], verbs: ['create', 'get', 'list', 'watch'] }],
      },
    },
    ...users.map((user) => ({
      path: `${rbac}/namespaces/${namespace}/rolebindings/shipshape:${user}-view`,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `shipshape:${user}-view`, namespace, labels: MANAGED },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: userSubjects([user]),
      },
    })),
    {
      path: `${rbac}/namespaces/${namespace}/rolebindings/shipshape:review-signers`,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'shipshape:review-signers', namespace, labels: MANAGED },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: REVIEW_SIGNER_ROLE },
        subjects: userSubjects(users),
      },
    },
  ];
}

/** The limited users' RBAC: `view` in their namespaces, (limited user only) reading namespaces, and the signers' rights. */
export function accessObjects(plan: AccessPlan): { path: string; object: object }[] {
  const subject = (user: string) => userSubjects([user]);
  const viewBinding = (namespace: string, user: string) => ({
    path: `${rbac}/namespaces/${namespace}/rolebindings/shipshape:${user}-view`,
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `shipshape:${user}-view`, namespace, labels: MANAGED },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: subject(user),
    },
  });
  return [
    {
      path: `${rbac}/clusterroles/shipshape:namespace-reader`,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'shipshape:namespace-reader', labels: MANAGED },
        rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
      },
    },
    {
      path: `${rbac}/clusterrolebindings/shipshape:${plan.limited.user}-namespaces`,
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: `shipshape:${plan.limited.user}-namespaces`, labels: MANAGED },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'shipshape:namespace-reader' },
        subjects: subject(plan.limited.user),
      },
    },
    ...plan.limited.namespaces.map((namespace) => viewBinding(namespace, plan.limited.user)),
    viewBinding(plan.team.namespace, plan.team.user),
    // The team user's view binding is above; a signer who is also that user gets the same object again (idempotent apply).
    ...reviewSignerObjects(plan.signers.namespace, plan.signers.users),
  ];
}

async function kubectlApply(kubectl: Kubectl, args: readonly string[], input?: string): Promise<string> {
  // A kind whose API is not discovered yet ("no matches for kind") is a start-up race: retry briefly.
  for (let attempt = 1; ; attempt += 1) {
    const result = await kubectl(['apply', ...args], input);
    if (result.code === 0) return result.stderr;
    if (attempt >= 5 || !/no matches for kind|ensure CRDs are installed|could not find the requested resource/.test(result.stderr)) {
      throw new Error(`kubectl apply ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
    }
    await sleep(1000 * attempt);
  }
}

/**
 * Creates the demo's namespaces (kubectl apply, like the rest of the demo), any other namespace
 * the plan names, and the limited users' RBAC.
 */
export async function setupAccess(target: ApiTarget, kubectl: Kubectl, manifestsDir: string, plan: AccessPlan): Promise<void> {
  const namespaces = readManifests(manifestsDir).filter((object) => object.kind === 'Namespace');
  if (namespaces.length > 0) await kubectlApply(kubectl, ['-f', '-'], namespaces.map((object) => stringify(object)).join('---\n'));
  const declared = new Set(namespaces.map((object) => object.metadata.name));
  const planned = new Set([...plan.limited.namespaces, plan.team.namespace, plan.signers.namespace]);
  for (const name of [...planned].filter((namespace) => !declared.has(namespace))) {
    await apiApply(target, `/api/v1/namespaces/${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  for (const { path: url, object } of accessObjects(plan)) await apiApply(target, url, object);
}

// ---------------------------------------------------------------------------------------------

const NODES = [
  { name: 'kwok-node-1', zone: 'eu-west-1a', ip: '10.0.1.1' },
  { name: 'kwok-node-2', zone: 'eu-west-1b', ip: '10.0.1.2' },
  { name: 'kwok-node-3', zone: 'eu-west-1c', ip: '10.0.1.3' },
];

function nodeObject(name: string, zone: string, ip: string): object {
  const resources = { cpu: '64', memory: '256Gi', pods: '250', 'ephemeral-storage': '1Ti' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        ...MANAGED,
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'kwok.64x256',
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': zone,
        type: 'kwok',
      },
    },
    // A Node keeps the status it is created with; kwok's node-initialize stage keeps these too.
    status: {
      allocatable: resources,
      capacity: resources,
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
    },
  };
}

/** One pre-bound hostPath PersistentVolume per claim the demo's StatefulSets will make. */
function volumeObjects(manifests: readonly Obj[]): { path: string; object: object }[] {
  const volumes: { path: string; object: object }[] = [];
  for (const set of manifests.filter((object) => object.kind === 'StatefulSet')) {
    const namespace = set.metadata.namespace ?? 'default';
    const replicas: number = set.spec?.replicas ?? 1;
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      for (let ordinal = 0; ordinal < replicas; ordinal += 1) {
        const claim = `${template.metadata.name}-${set.metadata.name}-${ordinal}`;
        const name = `shipshape-${namespace}-${claim}`;
        volumes.push({
          path: `/api/v1/persistentvolumes/${name}`,
          object: {
            apiVersion: 'v1',
            kind: 'PersistentVolume',
            metadata: { name, labels: MANAGED },
            spec: {
              capacity: { storage: template.spec?.resources?.requests?.storage ?? '1Gi' },
              accessModes: template.spec?.accessModes ?? ['ReadWriteOnce'],
              persistentVolumeReclaimPolicy: 'Retain',
              // The claims name no class and the cluster has no default one: they bind to class "".
              storageClassName: template.spec?.storageClassName ?? '',
              claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: claim },
              hostPath: { path: `/var/lib/shipshape-demo/${namespace}/${claim}`, type: 'DirectoryOrCreate' },
            },
          },
        });
      }
    }
  }
  return volumes;
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(250);
  }
}

const condition = (object: Obj, type: string) =>
  (object.status?.conditions ?? []).find((entry: { type: string }) => entry.type === type) as
    | { status: string; reason?: string; message?: string }
    | undefined;

// ---------------------------------------------------------------------------------------------

interface ClusterView {
  deployments: Obj[];
  statefulSets: Obj[];
  daemonSets: Obj[];
  replicaSets: Obj[];
  pods: Obj[];
}

async function viewCluster(target: ApiTarget): Promise<ClusterView> {
  const [deployments, statefulSets, daemonSets, replicaSets, pods] = await Promise.all(
    [
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/statefulsets',
      '/apis/apps/v1/daemonsets',
      '/apis/apps/v1/replicasets',
      '/api/v1/pods',
    ].map((url) => apiGet<List>(target, url).then((list) => list.items)),
  );
  return {
    deployments: deployments ?? [],
    statefulSets: statefulSets ?? [],
    daemonSets: daemonSets ?? [],
    replicaSets: replicaSets ?? [],
    pods: pods ?? [],
  };
}

const isReady = (pod: Obj) => condition(pod, 'Ready')?.status === 'True';
const isUnschedulable = (pod: Obj) => condition(pod, 'PodScheduled')?.reason === 'Unschedulable';

/** A pod has settled when it is Ready, shows its intended trouble, cannot be scheduled, or has finished. */
function podSettled(pod: Obj): boolean {
  if (isReady(pod) || isUnschedulable(pod)) return true;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return true;
  return Boolean(pod.metadata.annotations?.[TROUBLE_ANNOTATION]) && pod.status?.phase === 'Running';
}

function workloadStatuses(view: ClusterView, demoNamespaces: ReadonlySet<string>): WorkloadStatus[] {
  const ownedBy = (uid: string | undefined) => (pod: Obj) =>
    !pod.metadata.deletionTimestamp && (pod.metadata.ownerReferences ?? []).some((owner) => owner.uid === uid);
  const inDemo = (object: Obj) => demoNamespaces.has(object.metadata.namespace ?? '');

  const status = (kind: WorkloadStatus['kind'], object: Obj, desired: number, pods: Obj[]): WorkloadStatus => {
    const trouble: string | null = object.spec?.template?.metadata?.annotations?.[TROUBLE_ANNOTATION] ?? null;
    return {
      kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
      desired,
      created: pods.length,
      ready: pods.filter(isReady).length,
      trouble,
      unschedulable: pods.filter(isUnschedulable).length,
      settled: pods.length >= desired && pods.every(podSettled),
    };
  };

  const workloads: WorkloadStatus[] = [];
  for (const deployment of view.deployments.filter(inDemo)) {
    const sets = view.replicaSets.filter((set) =>
      (set.metadata.ownerReferences ?? []).some((owner) => owner.uid === deployment.metadata.uid),
    );
    const pods = view.pods.filter((pod) => sets.some((set) => ownedBy(set.metadata.uid)(pod)));
    workloads.push(status('Deployment', deployment, deployment.spec?.replicas ?? 1, pods));
  }
  for (const set of view.statefulSets.filter(inDemo)) {
    workloads.push(status('StatefulSet', set, set.spec?.replicas ?? 1, view.pods.filter(ownedBy(set.metadata.uid))));
  }
  for (const set of view.daemonSets.filter(inDemo)) {
    const observed = (set.status?.observedGeneration ?? 0) >= (set.metadata.generation ?? 1);
    // Until the controller has looked at it, a DaemonSet wants "at least one" pod.
    const desired = observed ? (set.status?.desiredNumberScheduled ?? 0) : Math.max(1, set.status?.desiredNumberScheduled ?? 0);
    workloads.push(status('DaemonSet', set, desired, view.pods.filter(ownedBy(set.metadata.uid))));
  }
  return workloads.sort((a, b) => `${a.namespace}/${a.kind}/${a.name}`.localeCompare(`${b.namespace}/${b.kind}/${b.name}`));
}

function troubledPods(view: ClusterView, demoNamespaces: ReadonlySet<string>): TroubledPod[] {
  return view.pods
    .filter((pod) => demoNamespaces.has(pod.metadata.namespace ?? '') && !pod.metadata.deletionTimestamp)
    .filter((pod) => pod.metadata.annotations?.[TROUBLE_ANNOTATION] || isUnschedulable(pod))
    .map((pod) => {
      const statuses: { restartCount?: number; state?: { waiting?: { reason?: string } } }[] = pod.status?.containerStatuses ?? [];
      return {
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name,
        trouble: pod.metadata.annotations?.[TROUBLE_ANNOTATION] ?? 'unschedulable',
        phase: pod.status?.phase ?? 'Unknown',
        ready: isReady(pod),
        restarts: statuses.reduce((sum, entry) => sum + (entry.restartCount ?? 0), 0),
        waitingReason: statuses.find((entry) => entry.state?.waiting?.reason)?.state?.waiting?.reason ?? null,
        message: condition(pod, 'PodScheduled')?.status === 'False' ? (condition(pod, 'PodScheduled')?.message ?? null) : null,
      };
    })
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}

interface EventObject extends Obj {
  involvedObject: { kind: string; name: string; namespace?: string };
  reason: string;
  message: string;
  lastTimestamp?: string;
  eventTime?: string;
}

async function failedCreates(target: ApiTarget, demoNamespaces: ReadonlySet<string>): Promise<SeedReport['rejected']> {
  const events = (await apiGet<{ items: EventObject[] }>(target, '/api/v1/events?fieldSelector=reason%3DFailedCreate')).items;
  const latest = new Map<string, SeedReport['rejected'][number]>();
  for (const event of events.sort((a, b) => (a.lastTimestamp ?? a.eventTime ?? '').localeCompare(b.lastTimestamp ?? b.eventTime ?? ''))) {
    const namespace = event.involvedObject.namespace ?? event.metadata.namespace ?? '';
    if (!demoNamespaces.has(namespace)) continue;
    const { kind, name } = event.involvedObject;
    latest.set(`${namespace}/${kind}/${name}`, { namespace, kind, name, message: event.message });
  }
  return [...latest.values()];
}

/** Seeds the demo (see the file comment) and waits up to `settleTimeoutMs` for it to settle. */
export async function seedDemoCluster(
  target: ApiTarget,
  kubectl: Kubectl,
  options: { manifestsDir: string; settleTimeoutMs: number; log?: (message: string) => void; alive?: () => void },
): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const manifests = readManifests(options.manifestsDir);
  const demoNamespaces = new Set(manifests.flatMap((object) => (object.kind === 'Namespace' ? [object.metadata.name] : [])));

  // Pods are refused while their namespace has no default ServiceAccount yet: wait for the controller.
  await waitFor('the default ServiceAccounts', 30_000, async () => {
    options.alive?.();
    const list = await apiGet<List>(target, '/api/v1/serviceaccounts?fieldSelector=metadata.name%3Ddefault');
    const have = new Set(list.items.map((account) => account.metadata.namespace));
    return [...demoNamespaces].every((namespace) => have.has(namespace));
  });

  for (const node of NODES) await apiApply(target, `/api/v1/nodes/${node.name}`, nodeObject(node.name, node.zone, node.ip));
  for (const volume of volumeObjects(manifests)) await apiApply(target, volume.path, volume.object);
  await waitFor('the kwok nodes to be Ready', 30_000, async () => {
    options.alive?.();
    const nodes = await apiGet<List>(target, '/api/v1/nodes');
    return NODES.every((wanted) =>
      nodes.items.some((node) => node.metadata.name === wanted.name && condition(node, 'Ready')?.status === 'True'),
    );
  });
  log(`nodes Ready (${Date.now() - started} ms)`);

  const applyOutput = await kubectlApply(kubectl, ['-f', options.manifestsDir]);
  const applyWarnings = applyOutput
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('Warning:'));
  log(`demo manifests applied (${Date.now() - started} ms)`);

  const deadline = started + options.settleTimeoutMs;
  let workloads: WorkloadStatus[] = [];
  let view: ClusterView | undefined;
  for (;;) {
    options.alive?.();
    view = await viewCluster(target);
    workloads = workloadStatuses(view, demoNamespaces);
    if (workloads.length > 0 && workloads.every((workload) => workload.settled)) break;
    if (Date.now() > deadline) break;
    await sleep(500);
  }

  const rejected = await failedCreates(target, demoNamespaces);
  const problems = workloads
    .filter((workload) => !workload.settled)
    .map((workload) => {
      const id = `${workload.namespace}/${workload.kind} ${workload.name}`;
      // A Deployment's pods are created (and refused) by its ReplicaSets, named <deployment>-<hash>.
      const owns = (entry: SeedReport['rejected'][number]) =>
        workload.kind === 'Deployment'
          ? entry.kind === 'ReplicaSet' &&
            entry.name.startsWith(`${workload.name}-`) &&
            !entry.name.slice(workload.name.length + 1).includes('-')
          : entry.kind === workload.kind && entry.name === workload.name;
      const reasons = rejected.filter((entry) => entry.namespace === workload.namespace && owns(entry)).map((entry) => entry.message);
      return `${id}: ${workload.created}/${workload.desired} pods created, ${workload.ready} ready${reasons.length > 0 ? ` — ${reasons.join('; ')}` : ''}`;
    });
  return {
    settled: problems.length === 0,
    durationMs: Date.now() - started,
    workloads,
    troubledPods: view ? troubledPods(view, demoNamespaces) : [],
    rejected,
    problems,
    applyWarnings,
  };
}
