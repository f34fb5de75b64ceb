/**
 * The corpus: manifests of real public projects (SOURCES.md), copied unchanged and graded with
 * the default configuration. Every expectation below was written by reading the manifest and the
 * check's rules, not by copying the program's output; each carries the line of the manifest (or
 * its absence) that decides it. The manifests name no namespace, so, as `kubectl apply` would,
 * everything lands in `default`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { parseManifests } from '../../snapshot/parse-manifests';
import { CATALOG } from '../catalog';
import { evaluateNamespace } from '../evaluate';
import type { Verdict } from '../scoring';
import type { ChecklistItem } from '../types';

type FlaggedStatus = 'warn' | 'fail';

/** A check's expected result: its status and, for warn/fail, every object flagged (`Kind/name`) with its status. */
interface Expected {
  status: 'pass' | 'warn' | 'fail' | 'not-evaluated';
  flagged: Record<string, FlaggedStatus>;
}

interface ExpectedGrade {
  score: number;
  grade: 'A' | 'B' | 'C' | 'D' | 'F';
  verdict: Verdict;
  /** The blocking checks that fail, which decide a "not ready" verdict. */
  blocking: string[];
}

const PASS: Expected = { status: 'pass', flagged: {} };
/** Nothing in the manifests for the check to grade (not applicable). */
const NA: Expected = { status: 'not-evaluated', flagged: {} };

function flagged(status: FlaggedStatus, objects: readonly string[]): Record<string, FlaggedStatus> {
  return Object.fromEntries(objects.map((object) => [object, status]));
}

const fail = (...objects: string[]): Expected => ({ status: 'fail', flagged: flagged('fail', objects) });
const warn = (...objects: string[]): Expected => ({ status: 'warn', flagged: flagged('warn', objects) });
/** Some objects fail, others only warn: the check fails. */
const mixed = (failing: readonly string[], warning: readonly string[]): Expected => ({
  status: 'fail',
  flagged: { ...flagged('warn', warning), ...flagged('fail', failing) },
});

const NAMESPACE = 'Namespace/default';

// --- istio/istio samples/bookinfo/platform/kube/bookinfo.yaml ---------------------------------------------------------

const DETAILS = 'Deployment/details-v1';
const RATINGS = 'Deployment/ratings-v1';
const REVIEWS = ['Deployment/reviews-v1', 'Deployment/reviews-v2', 'Deployment/reviews-v3'];
const PRODUCTPAGE = 'Deployment/productpage-v1';
const BOOKINFO = [DETAILS, RATINGS, ...REVIEWS, PRODUCTPAGE];

const BOOKINFO_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(...BOOKINFO), // examples-bookinfo-*-v1 names no known base, and no shipshape.dev/base-image annotation declares one
  // trusted-registries
  'image-trusted-registry': fail(...BOOKINFO), // every image is docker.io/istio/…, and docker.io is not on the default trusted list
  'image-tag-pinned': PASS, // every image is tagged 1.20.1
  'image-digest-pinned': warn(...BOOKINFO), // tags only, no @sha256 digest
  'image-pull-policy': PASS, // IfNotPresent with a fixed 1.20.1 tag is consistent
  // registry-auth
  'image-pull-secret': NA, // docker.io is a public registry: no private image needs credentials
  'pull-secret-exists': NA, // no pod spec or ServiceAccount names an imagePullSecret
  'pull-secret-type': NA, // no imagePullSecret, so no type to grade
  'pull-secret-registry-host': NA, // no private registry and no pull secret
  // namespaces
  'namespace-resource-quota': fail(NAMESPACE), // the file holds no ResourceQuota
  'namespace-limit-range': fail(NAMESPACE), // the file holds no LimitRange
  'workloads-outside-default': fail(...BOOKINFO), // no object sets metadata.namespace, so all six Deployments land in default
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object, so no pod-security.kubernetes.io/enforce label
  'namespace-single-environment': NA, // labels are app, version, service and account: none names an environment
  // no-defaults
  'dedicated-service-account': PASS, // every Deployment names its own bookinfo-* serviceAccountName
  'service-account-token-automount': warn(...BOOKINFO), // neither the pods nor the bookinfo-* ServiceAccounts set automountServiceAccountToken: false
  'pod-security-context-set': fail(...BOOKINFO), // no securityContext on any pod or container
  'namespace-network-policy-present': fail(NAMESPACE), // the file holds no NetworkPolicy
  'resources-declared': fail(...BOOKINFO), // no container has a resources block, and no LimitRange supplies defaults
  // labels
  'recommended-labels': warn(...BOOKINFO), // labelled app/version, never app.kubernetes.io/name
  'service-selects-pods': PASS, // details, ratings, reviews and productpage select app=<name>, which their Deployments' templates carry
  'selector-matches-template': PASS, // each selector is app + version, matching its own template and no sibling version's
  'policy-targets-pods': NA, // no PodDisruptionBudget, NetworkPolicy or HorizontalPodAutoscaler
  // annotations
  'ownership-annotations': warn(...BOOKINFO), // the Deployments carry no annotations at all
  'owner-contact-annotation': warn(...BOOKINFO), // no contact annotation on the Deployments, and no Namespace object to inherit one from
  'version-annotation': PASS, // every Deployment is labelled version: v1/v2/v3
  'required-metadata': NA, // the default configuration requires no labels or annotations
  // security-context
  'run-as-non-root': fail(...BOOKINFO), // no runAsNonRoot or runAsUser anywhere: the containers run as the image's user
  'no-privileged': PASS, // no privileged container, hostNetwork, hostPID or hostIPC
  'no-privilege-escalation': fail(...BOOKINFO), // allowPrivilegeEscalation is never set to false
  'read-only-root-filesystem': fail(...BOOKINFO), // no readOnlyRootFilesystem, and the containers may run as root
  'capabilities-drop-all': fail(...BOOKINFO), // no capabilities.drop: [ALL], and the containers may run as root
  'dangerous-capabilities': PASS, // no container adds a capability
  'seccomp-runtime-default': fail(...BOOKINFO), // no seccompProfile on any pod or container
  'host-path-volumes': PASS, // the only volumes are emptyDirs (tmp, wlp-output)
  'host-ports': PASS, // containerPort 9080 only, no hostPort
  // resources
  'resource-requests': fail(...BOOKINFO), // no container requests cpu or memory
  'memory-limit': fail(...BOOKINFO), // no container has a memory limit
  'cpu-limit': warn(...BOOKINFO), // no container has a CPU limit (advice only)
  'ephemeral-storage': mixed([...REVIEWS, PRODUCTPAGE], [DETAILS, RATINGS]), // reviews/productpage write to emptyDirs without sizeLimit; details/ratings only have a writable root filesystem
  // probes
  'readiness-probe': fail(...BOOKINFO), // no container has a readinessProbe
  'liveness-probe': fail(...BOOKINFO), // no container has a livenessProbe
  'probes-distinct': NA, // no container has both probes to compare
  'probe-port-declared': NA, // no probes, so no probe ports
  // availability
  'replicas-minimum': fail(...BOOKINFO), // every Deployment sets replicas: 1
  'pod-disruption-budget': NA, // single replicas gain nothing from a budget, and none exists to block drains
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': NA, // single replicas have nothing to spread
  'rolling-update-strategy': PASS, // no strategy set, so RollingUpdate 25%, which rounds down to 0 unavailable of 1
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(NAMESPACE), // no NetworkPolicy, so nothing denies inbound traffic
  'pods-covered-by-network-policy': fail(...BOOKINFO), // no NetworkPolicy selects any pod
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // the four Services set no type, so ClusterIP
  // access-control
  'rbac-cluster-admin': PASS, // no binding of any kind, so none of the four bookinfo-* ServiceAccounts is cluster-admin
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no RoleBinding or ClusterRoleBinding
  'rbac-pods-exec': NA, // no RoleBinding or ClusterRoleBinding
  'service-account-exists': PASS, // bookinfo-details, -ratings, -reviews and -productpage are all defined in the file
  // secrets-hygiene
  'secret-literal-values': PASS, // the only env is LOG_DIR=/tmp/logs, not secret-looking
  'secret-references-exist': NA, // no pod references a Secret
  // live-health: a manifest has no status, so nothing is observed
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes/examples guestbook/all-in-one/guestbook-all-in-one.yaml -----------------------------------------------

const REDIS_MASTER = 'Deployment/redis-master';
const REDIS_REPLICA = 'Deployment/redis-replica';
const FRONTEND = 'Deployment/frontend';
const GUESTBOOK = [REDIS_MASTER, REDIS_REPLICA, FRONTEND];

const GUESTBOOK_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(...GUESTBOOK), // redis:e2e, gb-redisslave and gb-frontend name no known base and declare none
  // trusted-registries
  'image-trusted-registry': PASS, // k8s.gcr.io matches *.gcr.io and gcr.io is trusted by default
  'image-tag-pinned': fail(...GUESTBOOK), // e2e is a branch-like name, v1 and v4 major versions only: every tag floats
  'image-digest-pinned': warn(...GUESTBOOK), // tags only, no digest
  'image-pull-policy': PASS, // no imagePullPolicy: defaulted to IfNotPresent, which suits a fixed tag
  // registry-auth
  'image-pull-secret': NA, // k8s.gcr.io and gcr.io serve these images anonymously: nothing private to authenticate for
  'pull-secret-exists': NA, // no imagePullSecrets anywhere
  'pull-secret-type': NA, // no imagePullSecrets anywhere
  'pull-secret-registry-host': NA, // no private registry and no pull secret
  // namespaces
  'namespace-resource-quota': fail(NAMESPACE), // no ResourceQuota
  'namespace-limit-range': fail(NAMESPACE), // no LimitRange
  'workloads-outside-default': fail(...GUESTBOOK), // no metadata.namespace, so the three Deployments land in default
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object with an enforce label
  'namespace-single-environment': NA, // labels are app, tier and role; tier is not an environment
  // no-defaults
  'dedicated-service-account': fail(...GUESTBOOK), // no serviceAccountName: every pod runs as default
  'service-account-token-automount': warn(...GUESTBOOK), // the default ServiceAccount's token is mounted in every pod
  'pod-security-context-set': fail(...GUESTBOOK), // no securityContext on any pod or container
  'namespace-network-policy-present': fail(NAMESPACE), // no NetworkPolicy
  'resources-declared': PASS, // every container requests cpu: 100m, memory: 100Mi
  // labels
  'recommended-labels': warn(...GUESTBOOK), // the Deployments have no metadata.labels, the templates only app/tier/role
  'service-selects-pods': PASS, // redis-master, redis-replica and frontend each select exactly their Deployment's template labels
  'selector-matches-template': PASS, // role master/replica (and app guestbook) keep the three selectors apart
  'policy-targets-pods': NA, // no PodDisruptionBudget, NetworkPolicy or HorizontalPodAutoscaler
  // annotations
  'ownership-annotations': warn(...GUESTBOOK), // no annotations
  'owner-contact-annotation': warn(...GUESTBOOK), // no annotations, no Namespace object
  'version-annotation': warn(...GUESTBOOK), // no version label or annotation (the image tag is not one)
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': fail(...GUESTBOOK), // no runAsNonRoot or runAsUser: redis and php-apache run as the image's user
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': fail(...GUESTBOOK), // allowPrivilegeEscalation is never set to false
  'read-only-root-filesystem': fail(...GUESTBOOK), // writable root filesystems on containers that may run as root
  'capabilities-drop-all': fail(...GUESTBOOK), // default capabilities kept by containers that may run as root
  'dangerous-capabilities': PASS, // nothing added
  'seccomp-runtime-default': fail(...GUESTBOOK), // no seccompProfile
  'host-path-volumes': PASS, // no volumes at all
  'host-ports': PASS, // containerPort only
  // resources
  'resource-requests': PASS, // every container requests cpu and memory
  'memory-limit': fail(...GUESTBOOK), // requests only, no limits
  'cpu-limit': warn(...GUESTBOOK), // requests only, no limits (advice only)
  'ephemeral-storage': warn(...GUESTBOOK), // no ephemeral-storage limit and writable root filesystems (no emptyDirs)
  // probes
  'readiness-probe': fail(...GUESTBOOK), // no readinessProbe on any container
  'liveness-probe': fail(...GUESTBOOK), // no livenessProbe on any container
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': NA, // no probes
  // availability
  'replicas-minimum': fail(REDIS_MASTER), // redis-master has replicas: 1; redis-replica 2 and frontend 3 pass
  'pod-disruption-budget': fail(REDIS_REPLICA, FRONTEND), // 2 and 3 replicas with no PodDisruptionBudget; the single redis-master is not graded
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': warn(REDIS_REPLICA, FRONTEND), // several replicas, no topologySpreadConstraints or anti-affinity
  'rolling-update-strategy': PASS, // default RollingUpdate 25%: 0 of 1, 0 of 2 and 0 of 3 replicas unavailable at once
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(NAMESPACE), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(...GUESTBOOK), // no NetworkPolicy selects any pod
  'ingress-tls': NA, // no Ingress
  'service-exposure': warn('Service/frontend'), // frontend is type: NodePort (the file's own comment offers LoadBalancer)
  // access-control
  'rbac-cluster-admin': NA, // no ServiceAccount and no binding in the file
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no bindings
  'rbac-pods-exec': NA, // no bindings
  'service-account-exists': PASS, // every pod uses default, which always exists
  // secrets-hygiene
  'secret-literal-values': PASS, // the only env is GET_HOSTS_FROM=dns
  'secret-references-exist': NA, // no Secret references
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes/website content/en/examples/application/zookeeper/zookeeper.yaml --------------------------------------

const ZK = 'StatefulSet/zk';

const ZOOKEEPER_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(ZK), // kubernetes-zookeeper names no known base and declares none
  // trusted-registries
  'image-trusted-registry': PASS, // registry.k8s.io is trusted by default
  'image-tag-pinned': PASS, // tag 1.0-3.4.10
  'image-digest-pinned': warn(ZK), // no digest
  'image-pull-policy': PASS, // Always with a fixed tag is consistent (only IfNotPresent with a moving tag is not)
  // registry-auth
  'image-pull-secret': NA, // registry.k8s.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(NAMESPACE), // no ResourceQuota
  'namespace-limit-range': fail(NAMESPACE), // no LimitRange
  'workloads-outside-default': fail(ZK), // no metadata.namespace, so zk lands in default
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object with an enforce label
  'namespace-single-environment': NA, // the only label is app.kubernetes.io/name
  // no-defaults
  'dedicated-service-account': fail(ZK), // no serviceAccountName: the pods run as default
  'service-account-token-automount': warn(ZK), // nothing sets automountServiceAccountToken: false
  'pod-security-context-set': PASS, // the pod securityContext sets runAsUser: 1000 and fsGroup: 1000
  'namespace-network-policy-present': fail(NAMESPACE), // no NetworkPolicy
  'resources-declared': PASS, // requests memory: 1Gi, cpu: 0.5
  // labels
  'recommended-labels': warn(ZK), // the template has app.kubernetes.io/name: zk, the StatefulSet's own metadata has no labels
  'service-selects-pods': PASS, // zk-hs and zk-cs select app.kubernetes.io/name=zk, the template's label
  'selector-matches-template': PASS, // the selector is the template's only label, and zk is the only workload
  'policy-targets-pods': PASS, // zk-pdb selects app.kubernetes.io/name=zk, the zk pods
  // annotations
  'ownership-annotations': warn(ZK), // no annotations
  'owner-contact-annotation': warn(ZK), // no annotations, no Namespace object
  'version-annotation': warn(ZK), // no version label or annotation
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': PASS, // pod securityContext runAsUser: 1000
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': fail(ZK), // the container sets no allowPrivilegeEscalation: false
  'read-only-root-filesystem': warn(ZK), // writable root filesystem, but as uid 1000, so only a warning
  'capabilities-drop-all': warn(ZK), // no drop: [ALL], but as uid 1000, so only a warning
  'dangerous-capabilities': PASS, // nothing added
  'seccomp-runtime-default': fail(ZK), // no seccompProfile
  'host-path-volumes': PASS, // data lives on the datadir volumeClaimTemplate, no hostPath
  'host-ports': PASS, // containerPorts 2181, 2888, 3888 without hostPort
  // resources
  'resource-requests': PASS, // requests memory and cpu
  'memory-limit': fail(ZK), // requests only, no memory limit (the JVM heap is 512M, but nothing caps the container)
  'cpu-limit': warn(ZK), // no CPU limit (advice only)
  'ephemeral-storage': warn(ZK), // writes go to the PVC, but the root filesystem is writable and unbounded
  // probes
  'readiness-probe': PASS, // readinessProbe exec zookeeper-ready 2181
  'liveness-probe': PASS, // livenessProbe exec zookeeper-ready 2181
  'probes-distinct': warn(ZK), // both probes run zookeeper-ready 2181 with initialDelaySeconds 10 and timeoutSeconds 5: identical
  'probe-port-declared': NA, // exec probes name no port
  // availability
  'replicas-minimum': PASS, // replicas: 3
  'pod-disruption-budget': PASS, // zk-pdb maxUnavailable: 1 of 3 still allows a drain
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': warn(ZK), // the anti-affinity selects app in (zk), but the pods are labelled app.kubernetes.io/name: zk, so it spreads nothing
  'rolling-update-strategy': PASS, // updateStrategy RollingUpdate
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(NAMESPACE), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(ZK), // no NetworkPolicy selects the zk pods
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // zk-hs is headless (clusterIP: None) and zk-cs ClusterIP
  // access-control
  'rbac-cluster-admin': NA, // no ServiceAccount and no binding in the file
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no bindings
  'rbac-pods-exec': NA, // no bindings
  'service-account-exists': PASS, // the pods use default, which always exists
  // secrets-hygiene
  'secret-literal-values': PASS, // no env; the start-zookeeper flags (--servers, --heap…) are not secret-looking
  'secret-references-exist': NA, // no Secret references
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

interface CorpusEntry {
  file: string;
  expected: Record<string, Expected>;
  grade: ExpectedGrade;
}

const CORPUS: CorpusEntry[] = [
  {
    file: 'bookinfo.yaml',
    expected: BOOKINFO_EXPECTED,
    // Not ready: no container runs as non-root, requests resources or has a readiness probe. Score 38.67 / 82 weight.
    grade: { score: 47, grade: 'F', verdict: 'not-ready', blocking: ['run-as-non-root', 'resource-requests', 'readiness-probe'] },
  },
  {
    file: 'guestbook.yaml',
    expected: GUESTBOOK_EXPECTED,
    // Not ready: containers may run as root and have no readiness probe (resources are requested, unlike bookinfo). Score 41 / 82.
    // image-tag-pinned now fails (floating e2e, v1, v4 tags): one more blocking failure, 50 → 46.
    grade: { score: 46, grade: 'F', verdict: 'not-ready', blocking: ['image-tag-pinned', 'run-as-non-root', 'readiness-probe'] },
  },
  {
    file: 'zookeeper.yaml',
    expected: ZOOKEEPER_EXPECTED,
    // Every blocking check passes (uid 1000, pinned tag, requests, readiness probe), but quota, policies and limits fail: 58 / 85.
    grade: { score: 68, grade: 'D', verdict: 'ready-with-risks', blocking: [] },
  },
];

/** Waivers are judged against a clock; the corpus has none, but the grade must not depend on the day it runs. */
const NOW = new Date('2025-06-01T00:00:00Z');

const refOf = (finding: { object: { kind: string; name: string } }) => `${finding.object.kind}/${finding.object.name}`;

function observed(item: ChecklistItem): Expected & { reason?: string } {
  const result: Expected & { reason?: string } = {
    status: item.status === 'waived' ? 'fail' : item.status,
    flagged: Object.fromEntries(
      item.findings.flatMap((finding) =>
        finding.status === 'warn' || finding.status === 'fail' ? [[refOf(finding), finding.status]] : [],
      ),
    ),
  };
  if (item.reason) result.reason = item.reason;
  return result;
}

function load(file: string): KubeObject[] {
  const parsed = parseManifests(readFileSync(path.join(import.meta.dirname, file), 'utf8'), file);
  expect(parsed.errors).toEqual([]);
  expect(parsed.ignoredKinds).toEqual({});
  return parsed.objects;
}

describe.each(CORPUS)('corpus $file', ({ file, expected, grade }) => {
  const objects = load(file);
  const inventory = buildInventory(objects);
  const namespace = inventory.namespaces.get('default');
  if (!namespace) throw new Error(`${file}: nothing landed in the default namespace`);
  const report = evaluateNamespace(namespace, inventory, { now: NOW });

  it('lands every object in the default namespace, as kubectl apply would', () => {
    expect([...inventory.namespaces.keys()]).toEqual(['default']);
    expect(objects.every((object) => object.metadata.namespace === undefined)).toBe(true);
  });

  it('has a hand-written expectation for every check in the catalog, and for no other', () => {
    expect(Object.keys(expected).sort()).toEqual(CATALOG.map((check) => check.id).sort());
  });

  it.each(CATALOG.map((check) => check.id))('%s', (id) => {
    const item = report.items.find((candidate) => candidate.checkId === id);
    if (!item) throw new Error(`${id} is missing from the report`);
    const want = expected[id] as Expected;
    // Not applicable, never "could not read": a snapshot reads every kind.
    expect(observed(item)).toEqual(want.status === 'not-evaluated' ? { ...want, reason: 'not-applicable' } : want);
  });

  it('keeps its grade and verdict', () => {
    expect({
      score: report.score.value,
      grade: report.score.grade,
      verdict: report.verdict,
      blocking: report.blockingFailures.map((item) => item.checkId),
    }).toEqual(grade);
  });
});

/**
 * The fix the bookinfo report asks for first: one `podSelector: {}` policy with no ingress rules
 * (policyTypes left for the API server to default). Other tools have read an empty selector as
 * "selects nothing"; it selects every pod of the namespace.
 */
describe('corpus bookinfo.yaml with a podSelector: {} default deny added', () => {
  const policy: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny-ingress' },
    spec: { podSelector: {} },
  };
  const inventory = buildInventory([...load('bookinfo.yaml'), policy]);
  const namespace = inventory.namespaces.get('default');
  if (!namespace) throw new Error('nothing landed in the default namespace');
  const report = evaluateNamespace(namespace, inventory, { now: NOW });
  const item = (id: string) => observed(report.items.find((candidate) => candidate.checkId === id) as ChecklistItem);

  it.each([
    'network-default-deny', // selects all pods, isolates Ingress by default, allows nothing in
    'namespace-network-policy-present', // a NetworkPolicy now exists
    'pods-covered-by-network-policy', // {} selects all six Deployments' pods
    'policy-targets-pods', // {} targets every pod, not none
  ])('%s passes', (id) => {
    expect(item(id)).toEqual(PASS);
  });
});
