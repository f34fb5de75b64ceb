/**
 * The corpus: manifests of real public projects (SOURCES.md), copied unchanged and graded with
 * the default configuration. Every expectation below was written by reading the manifest and the
 * check's rules, not by copying the program's output; each carries the line of the manifest (or
 * its absence) that decides it. Most manifests name no namespace, so, as `kubectl apply` would,
 * they land in `default`; metrics-server's name kube-system and kube-state-metrics' monitoring,
 * and are graded there. Files of one folder are applied together and graded as one namespace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { emptyParsedManifests, parseManifests } from '../../snapshot/parse-manifests';
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
  'env-unique-names': PASS, // no container lists a variable twice
  'api-version-supported': PASS, // every object is apps/v1 or v1, both served in 1.37
  // labels
  'recommended-labels': warn(...BOOKINFO), // labelled app/version, never app.kubernetes.io/name
  'service-selects-pods': PASS, // details, ratings, reviews and productpage select app=<name>, which their Deployments' templates carry
  'selector-matches-template': PASS, // each selector is app + version, matching its own template and no sibling version's
  'label-values-valid': PASS, // every label, template label and selector value is a short plain word
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
  'proc-mount-default': PASS, // no procMount anywhere
  'windows-host-process': PASS, // no windowsOptions anywhere
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
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': warn(...BOOKINFO), // details, ratings, reviews and productpage select all six Deployments; none names a priorityClassName
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
  'env-unique-names': PASS, // no container lists a variable twice
  'api-version-supported': PASS, // apps/v1 and v1 (the comment's apps/v1beta2 and extensions/v1beta1 are not used)
  // labels
  'recommended-labels': warn(...GUESTBOOK), // the Deployments have no metadata.labels, the templates only app/tier/role
  'service-selects-pods': PASS, // redis-master, redis-replica and frontend each select exactly their Deployment's template labels
  'selector-matches-template': PASS, // role master/replica (and app guestbook) keep the three selectors apart
  'label-values-valid': PASS, // every label, template label and selector value is a short plain word
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
  'proc-mount-default': PASS, // no procMount anywhere
  'windows-host-process': PASS, // no windowsOptions anywhere
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
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': warn(...GUESTBOOK), // each Deployment is behind its Service, and none names a priorityClassName
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
  'env-unique-names': PASS, // no container lists a variable twice
  'api-version-supported': PASS, // apps/v1, policy/v1 and v1, all served in 1.37
  // labels
  'recommended-labels': warn(ZK), // the template has app.kubernetes.io/name: zk, the StatefulSet's own metadata has no labels
  'service-selects-pods': PASS, // zk-hs and zk-cs select app.kubernetes.io/name=zk, the template's label
  'selector-matches-template': PASS, // the selector is the template's only label, and zk is the only workload
  'label-values-valid': PASS, // every label, template label and selector value is a short plain word
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
  'proc-mount-default': PASS, // no procMount anywhere
  'windows-host-process': PASS, // no windowsOptions anywhere
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
  'statefulset-headless-service': PASS, // serviceName zk-hs is headless (clusterIP: None) and selects app.kubernetes.io/name=zk
  'priority-class-set': warn(ZK), // zk-hs and zk-cs select zk, which names no priorityClassName
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

// --- kubernetes/website content/en/examples/application/job/cronjob.yaml (batch/v1beta1) -------------------------------

const HELLO = 'CronJob/hello';

const CRONJOB_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': PASS, // busybox is a minimal base
  // trusted-registries
  'image-trusted-registry': fail(HELLO), // busybox is docker.io/library/busybox, and docker.io is not trusted by default
  'image-tag-pinned': fail(HELLO), // busybox has no tag, so latest
  'image-digest-pinned': warn(HELLO), // no digest
  'image-pull-policy': fail(HELLO), // imagePullPolicy: IfNotPresent with no tag: nodes keep whatever latest they pulled first
  // registry-auth
  'image-pull-secret': NA, // docker.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(NAMESPACE), // no ResourceQuota
  'namespace-limit-range': fail(NAMESPACE), // no LimitRange
  'workloads-outside-default': fail(HELLO), // no metadata.namespace, so hello lands in default
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object with an enforce label
  'namespace-single-environment': NA, // no labels at all
  // no-defaults
  'dedicated-service-account': fail(HELLO), // no serviceAccountName: the job pods run as default
  'service-account-token-automount': warn(HELLO), // nothing sets automountServiceAccountToken: false
  'pod-security-context-set': fail(HELLO), // no securityContext on the pod or the container
  'namespace-network-policy-present': fail(NAMESPACE), // no NetworkPolicy
  'resources-declared': fail(HELLO), // the container has no resources block and no LimitRange supplies defaults
  'env-unique-names': PASS, // no env
  'api-version-supported': fail(HELLO), // apiVersion: batch/v1beta1: no longer served since 1.25, so a 1.37 API server rejects the CronJob (batch/v1 replaces it)
  // labels
  'recommended-labels': warn(HELLO), // no labels on the CronJob or its pod template
  'service-selects-pods': NA, // no Service
  'selector-matches-template': NA, // a CronJob's Jobs get generated selectors; CronJobs are not graded
  'label-values-valid': NA, // the CronJob, its job template and its pod template carry no labels and no selector
  'policy-targets-pods': NA, // no PodDisruptionBudget, NetworkPolicy or HorizontalPodAutoscaler
  // annotations
  'ownership-annotations': warn(HELLO), // no annotations
  'owner-contact-annotation': warn(HELLO), // no annotations, no Namespace object
  'version-annotation': warn(HELLO), // no version label or annotation
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': fail(HELLO), // no runAsNonRoot or runAsUser: busybox runs as root
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': fail(HELLO), // allowPrivilegeEscalation is not set to false
  'read-only-root-filesystem': fail(HELLO), // writable root filesystem on a container that may run as root
  'capabilities-drop-all': fail(HELLO), // default capabilities kept by a container that may run as root
  'dangerous-capabilities': PASS, // nothing added
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': fail(HELLO), // no seccompProfile
  'host-path-volumes': PASS, // no volumes
  'host-ports': PASS, // no ports
  // resources
  'resource-requests': fail(HELLO), // no cpu or memory request
  'memory-limit': fail(HELLO), // no memory limit
  'cpu-limit': warn(HELLO), // no CPU limit (advice only)
  'ephemeral-storage': warn(HELLO), // no ephemeral-storage limit and a writable root filesystem (no emptyDir)
  // probes: a CronJob's pods run to completion, so probes are not asked of them
  'readiness-probe': NA, // not a long-running workload
  'liveness-probe': NA, // not a long-running workload
  'probes-distinct': NA, // not a long-running workload
  'probe-port-declared': NA, // no probes
  // availability
  'replicas-minimum': NA, // no Deployment or StatefulSet
  'pod-disruption-budget': NA, // no Deployment or StatefulSet
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': NA, // no Deployment or StatefulSet
  'rolling-update-strategy': NA, // CronJobs have no update strategy
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': NA, // no Service, so nothing serving
  'cronjob-policy': warn(HELLO), // no concurrencyPolicy (Allow: runs every minute may overlap) and no startingDeadlineSeconds
  // network
  'network-default-deny': fail(NAMESPACE), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(HELLO), // no NetworkPolicy selects the job pods
  'ingress-tls': NA, // no Ingress
  'service-exposure': NA, // no Service
  // access-control
  'rbac-cluster-admin': NA, // no ServiceAccount and no binding
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no bindings
  'rbac-pods-exec': NA, // no bindings
  'service-account-exists': PASS, // the pods use default, which always exists
  // secrets-hygiene
  'secret-literal-values': PASS, // no env; the command is date and echo
  'secret-references-exist': NA, // no Secret references
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes/examples AI/vllm-deployment: vllm-deployment.yaml, vllm-service.yaml, hpa/horizontal-pod-autoscaler.yaml ---

const VLLM = 'Deployment/vllm-gemma-deployment';
const VLLM_HPA = 'HorizontalPodAutoscaler/gemma-server-hpa';

const VLLM_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(VLLM), // vllm/vllm-openai names no known base and declares none
  // trusted-registries
  'image-trusted-registry': fail(VLLM), // vllm/vllm-openai is on docker.io, which is not trusted by default
  'image-tag-pinned': PASS, // tag v0.11.0
  'image-digest-pinned': warn(VLLM), // no digest
  'image-pull-policy': PASS, // no imagePullPolicy with a fixed tag: IfNotPresent, which suits it
  // registry-auth
  'image-pull-secret': NA, // docker.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(NAMESPACE), // no ResourceQuota
  'namespace-limit-range': fail(NAMESPACE), // no LimitRange
  'workloads-outside-default': fail(VLLM), // no metadata.namespace
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object with an enforce label
  'namespace-single-environment': NA, // the only label is app
  // no-defaults
  'dedicated-service-account': fail(VLLM), // no serviceAccountName
  'service-account-token-automount': warn(VLLM), // nothing sets automountServiceAccountToken: false
  'pod-security-context-set': fail(VLLM), // no securityContext on the pod or the container
  'namespace-network-policy-present': fail(NAMESPACE), // no NetworkPolicy
  'resources-declared': PASS, // requests and limits for cpu, memory, ephemeral-storage and nvidia.com/gpu
  'env-unique-names': PASS, // MODEL_ID, LD_LIBRARY_PATH and HUGGING_FACE_HUB_TOKEN, once each
  'api-version-supported': PASS, // apps/v1 Deployment, v1 Service and autoscaling/v2 HorizontalPodAutoscaler, all served in 1.37
  // labels
  'recommended-labels': warn(VLLM), // labelled app: gemma-server on the template only; no app.kubernetes.io/name
  'service-selects-pods': PASS, // vllm-service selects app=gemma-server, the template's label
  'selector-matches-template': PASS, // app: gemma-server is the template's label, and there is one workload
  'label-values-valid': PASS, // app: gemma-server on the selector, the template and the Service's selector
  'policy-targets-pods': PASS, // the HPA's scaleTargetRef names Deployment vllm-gemma-deployment, which exists
  // annotations
  'ownership-annotations': warn(VLLM), // no annotations
  'owner-contact-annotation': warn(VLLM), // no annotations, no Namespace object
  'version-annotation': warn(VLLM), // no version label or annotation (the model id is not one)
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': fail(VLLM), // no runAsNonRoot or runAsUser
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': fail(VLLM), // allowPrivilegeEscalation is not set to false
  'read-only-root-filesystem': fail(VLLM), // writable root filesystem on a container that may run as root
  'capabilities-drop-all': fail(VLLM), // default capabilities kept by a container that may run as root
  'dangerous-capabilities': PASS, // nothing added
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': fail(VLLM), // no seccompProfile
  'host-path-volumes': PASS, // the only volume is the dshm emptyDir
  'host-ports': PASS, // no ports declared at all
  // resources
  'resource-requests': PASS, // requests cpu: "2" and memory: 10Gi
  'memory-limit': PASS, // limits memory: 10Gi
  'cpu-limit': PASS, // limits cpu: "2"
  'ephemeral-storage': PASS, // limits ephemeral-storage: 10Gi (and dshm is medium: Memory)
  // probes
  'readiness-probe': fail(VLLM), // no readinessProbe, though the model takes minutes to load
  'liveness-probe': fail(VLLM), // no livenessProbe
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': NA, // no probes
  // availability
  'replicas-minimum': fail(VLLM), // the HPA owns the count and its minReplicas is 1
  'pod-disruption-budget': NA, // a floor of one replica gains nothing from a budget, and none exists
  'hpa-replicas': fail(VLLM_HPA), // minReplicas: 1 lets it scale down to a single pod
  'topology-spread': NA, // a floor of one replica has nothing to spread
  'rolling-update-strategy': PASS, // default RollingUpdate 25%: 0 of 1 replica unavailable at once
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': warn(VLLM), // vllm-service selects it, and it names no priorityClassName
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(NAMESPACE), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(VLLM), // no NetworkPolicy selects the pods
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // vllm-service is type: ClusterIP
  // access-control
  'rbac-cluster-admin': NA, // no ServiceAccount and no binding
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no bindings
  'rbac-pods-exec': NA, // no bindings
  'service-account-exists': PASS, // the pods use default, which always exists
  // secrets-hygiene
  'secret-literal-values': PASS, // the token comes from secretKeyRef hf-secret; the literal env values and flags are not secret-looking
  // Offline, a Secret missing from the files warns ("not in these manifests"); in a live namespace it would fail.
  'secret-references-exist': warn(VLLM), // HUGGING_FACE_HUB_TOKEN reads Secret hf-secret, which the manifests do not define (the README creates it)
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes/examples _archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml (extensions/v1beta1) -----------

const NEWRELIC = 'DaemonSet/newrelic-infra-agent';

const NEWRELIC_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(NEWRELIC), // newrelic/infrastructure names no known base and declares none
  // trusted-registries
  'image-trusted-registry': fail(NEWRELIC), // docker.io/newrelic/infrastructure: docker.io is not trusted by default
  'image-tag-pinned': fail(NEWRELIC), // no tag, so latest
  'image-digest-pinned': warn(NEWRELIC), // no digest
  'image-pull-policy': PASS, // no imagePullPolicy and no tag: the API server defaults it to Always, which suits latest
  // registry-auth
  'image-pull-secret': NA, // docker.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(NAMESPACE), // no ResourceQuota
  'namespace-limit-range': fail(NAMESPACE), // no LimitRange
  'workloads-outside-default': fail(NEWRELIC), // no metadata.namespace
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object with an enforce label
  'namespace-single-environment': NA, // labels tier, app, version and name: none names an environment
  // no-defaults
  'dedicated-service-account': fail(NEWRELIC), // no serviceAccountName
  'service-account-token-automount': warn(NEWRELIC), // nothing sets automountServiceAccountToken: false
  'pod-security-context-set': PASS, // the container sets a securityContext (privileged: true, but set)
  'namespace-network-policy-present': fail(NAMESPACE), // no NetworkPolicy
  'resources-declared': PASS, // requests cpu: 0.15
  'env-unique-names': PASS, // no env
  'api-version-supported': fail(NEWRELIC), // apiVersion: extensions/v1beta1: DaemonSets are served as apps/v1 only since 1.16, so a 1.37 API server rejects it
  // labels
  'recommended-labels': warn(NEWRELIC), // labelled tier/app/version and name: newrelic, never app.kubernetes.io/name
  'service-selects-pods': NA, // no Service
  // Each old version is graded with its own defaults; that 1.37 no longer serves it is api-version-supported's finding.
  'selector-matches-template': PASS, // no spec.selector: extensions/v1beta1 defaults it to the template labels (name: newrelic), which only its own pods carry
  'label-values-valid': PASS, // tier: monitoring, app: newrelic-infra-agent, version: v1, name: newrelic
  'policy-targets-pods': NA, // no PodDisruptionBudget, NetworkPolicy or HorizontalPodAutoscaler
  // annotations
  'ownership-annotations': warn(NEWRELIC), // no annotations
  'owner-contact-annotation': warn(NEWRELIC), // no annotations, no Namespace object
  'version-annotation': PASS, // labelled version: v1
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': fail(NEWRELIC), // no runAsNonRoot or runAsUser
  'no-privileged': fail(NEWRELIC), // privileged: true, and hostPID, hostIPC and hostNetwork
  'no-privilege-escalation': fail(NEWRELIC), // a privileged container can always escalate
  'read-only-root-filesystem': fail(NEWRELIC), // writable root filesystem on a container that may run as root
  'capabilities-drop-all': fail(NEWRELIC), // nothing dropped, on a container that may run as root
  'dangerous-capabilities': PASS, // no capabilities.add (privileged is no-privileged's finding)
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': fail(NEWRELIC), // no seccompProfile
  'host-path-volumes': fail(NEWRELIC), // hostPath /dev, /var/run/docker.sock and /var/log writable, and / read-only
  'host-ports': PASS, // hostNetwork, but the container declares no ports
  // resources
  'resource-requests': fail(NEWRELIC), // requests cpu only, no memory
  'memory-limit': fail(NEWRELIC), // no memory limit
  'cpu-limit': warn(NEWRELIC), // no CPU limit (advice only)
  'ephemeral-storage': warn(NEWRELIC), // no ephemeral-storage limit and a writable root filesystem (no emptyDir)
  // probes
  'readiness-probe': fail(NEWRELIC), // a DaemonSet runs continuously and has no readinessProbe
  'liveness-probe': fail(NEWRELIC), // no livenessProbe
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': NA, // no probes
  // availability
  'replicas-minimum': NA, // a DaemonSet runs one pod per node: no replica count
  'pod-disruption-budget': NA, // no Deployment or StatefulSet
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': NA, // no Deployment or StatefulSet
  // extensions/v1beta1 defaulted a DaemonSet to OnDelete; apps/v1, the only version served today, to RollingUpdate.
  'rolling-update-strategy': warn(NEWRELIC), // no updateStrategy under apiVersion: extensions/v1beta1, so OnDelete: a changed template reaches no pod until it is deleted
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': NA, // no Service, so nothing serving
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(NAMESPACE), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(NEWRELIC), // no NetworkPolicy selects the pods (hostNetwork pods are outside them anyway)
  'ingress-tls': NA, // no Ingress
  'service-exposure': NA, // no Service
  // access-control
  'rbac-cluster-admin': NA, // no ServiceAccount and no binding
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no bindings
  'rbac-pods-exec': NA, // no bindings
  'service-account-exists': PASS, // the pods use default, which always exists
  // secrets-hygiene
  'secret-literal-values': PASS, // no env; the command sources a config file
  'secret-references-exist': warn(NEWRELIC), // volume newrelic-config reads Secret newrelic-config, not in the file: offline a warning, live a failure
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes-sigs/metrics-server deploy/kubernetes/ (v0.3.7, kube-system) ------------------------------------------

const KUBE_SYSTEM = 'Namespace/kube-system';
const METRICS_SERVER = 'Deployment/metrics-server';

const METRICS_SERVER_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(METRICS_SERVER), // metrics-server names no known base and declares none
  // trusted-registries
  'image-trusted-registry': PASS, // k8s.gcr.io matches *.gcr.io
  'image-tag-pinned': PASS, // tag v0.3.7
  'image-digest-pinned': warn(METRICS_SERVER), // no digest
  'image-pull-policy': PASS, // IfNotPresent with a fixed tag
  // registry-auth
  'image-pull-secret': NA, // k8s.gcr.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(KUBE_SYSTEM), // no ResourceQuota in kube-system
  'namespace-limit-range': fail(KUBE_SYSTEM), // no LimitRange in kube-system
  'workloads-outside-default': PASS, // everything names namespace: kube-system
  'namespace-pod-security': fail(KUBE_SYSTEM), // the files hold no Namespace object, so no enforce label
  'namespace-single-environment': NA, // labels k8s-app, kubernetes.io/name and cluster-service: none names an environment
  // no-defaults
  'dedicated-service-account': PASS, // serviceAccountName: metrics-server
  'service-account-token-automount': warn(METRICS_SERVER), // the metrics-server account's token is mounted (it needs it to call the API)
  'pod-security-context-set': PASS, // the container sets readOnlyRootFilesystem, runAsNonRoot and runAsUser
  'namespace-network-policy-present': fail(KUBE_SYSTEM), // no NetworkPolicy
  'resources-declared': fail(METRICS_SERVER), // no resources block and no LimitRange
  'env-unique-names': PASS, // no env
  // Graded: the ServiceAccount, Deployment, Service, PDB, RoleBinding, both ClusterRoleBindings and ClusterRole system:metrics-server (8).
  'api-version-supported': fail('PodDisruptionBudget/metrics-server'), // the budget's apiVersion: policy/v1beta1 is no longer served since 1.25; the other 7 objects are v1, apps/v1 or rbac v1
  // labels
  'recommended-labels': warn(METRICS_SERVER), // labelled k8s-app, never app.kubernetes.io/name
  'service-selects-pods': PASS, // the Service selects k8s-app=metrics-server, the template's label
  'selector-matches-template': PASS, // k8s-app: metrics-server is on the template and no other workload exists
  'label-values-valid': PASS, // kubernetes.io/name: "Metrics-server" is valid (values may hold capitals) and "true" is quoted
  'policy-targets-pods': PASS, // the PodDisruptionBudget selects k8s-app=metrics-server
  // annotations
  'ownership-annotations': warn(METRICS_SERVER), // no annotations
  'owner-contact-annotation': warn(METRICS_SERVER), // no annotations, no Namespace object
  'version-annotation': warn(METRICS_SERVER), // no version label or annotation
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': PASS, // runAsNonRoot: true and runAsUser: 1000
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': fail(METRICS_SERVER), // allowPrivilegeEscalation is not set to false
  'read-only-root-filesystem': PASS, // readOnlyRootFilesystem: true
  'capabilities-drop-all': warn(METRICS_SERVER), // no drop: [ALL], but as uid 1000, so only a warning
  'dangerous-capabilities': PASS, // nothing added
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': fail(METRICS_SERVER), // no seccompProfile
  'host-path-volumes': PASS, // the only volume is the tmp-dir emptyDir
  'host-ports': PASS, // containerPort 4443 without hostPort
  // resources
  'resource-requests': fail(METRICS_SERVER), // no requests
  'memory-limit': fail(METRICS_SERVER), // no memory limit
  'cpu-limit': warn(METRICS_SERVER), // no CPU limit (advice only)
  'ephemeral-storage': fail(METRICS_SERVER), // writes its certificates to the tmp-dir emptyDir, which has no sizeLimit
  // probes
  'readiness-probe': PASS, // readinessProbe httpGet /healthz on main-port
  'liveness-probe': fail(METRICS_SERVER), // no livenessProbe
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': PASS, // main-port is the container's declared port 4443
  // availability
  'replicas-minimum': fail(METRICS_SERVER), // no replicas, so 1
  'pod-disruption-budget': fail(METRICS_SERVER), // policy/v1beta1 budget minAvailable: 100% of one pod allows no eviction, so drains stall
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': NA, // a single replica has nothing to spread
  'rolling-update-strategy': PASS, // maxUnavailable: 0 keeps the pod up until its replacement is ready
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': warn(METRICS_SERVER), // the Service selects it and it names no priorityClassName (later releases set system-cluster-critical)
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(KUBE_SYSTEM), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(METRICS_SERVER), // no NetworkPolicy selects the pod
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // the Service sets no type, so ClusterIP
  // access-control
  'rbac-cluster-admin': PASS, // RoleBinding metrics-server-auth-reader and the ClusterRoleBindings grant other roles, not cluster-admin
  // The RoleBinding's Role extension-apiserver-authentication-reader and ClusterRole system:auth-delegator are not in the files, so not graded.
  'rbac-wildcards': PASS, // ClusterRoleBinding system:metrics-server gives ServiceAccount metrics-server ClusterRole system:metrics-server, which names verbs get, list, watch and its resources
  // system:auth-delegator and the auth-reader Role are Kubernetes' own and not in the files: only system:metrics-server is graded.
  'rbac-secrets-access': PASS, // ClusterRole system:metrics-server reads pods, nodes, nodes/stats, namespaces and configmaps, not Secrets
  'rbac-pods-exec': PASS, // system:metrics-server grants no exec or attach
  'service-account-exists': PASS, // the Deployment and RoleBinding metrics-server-auth-reader name ServiceAccount metrics-server, defined in the file
  // secrets-hygiene
  'secret-literal-values': PASS, // the flags are --cert-dir=/tmp and --secure-port=4443
  'secret-references-exist': NA, // no Secret references
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- prometheus-operator/kube-prometheus manifests/kubeStateMetrics-*.yaml and setup/namespace.yaml (monitoring) --------

const MONITORING = 'Namespace/monitoring';
const KSM = 'Deployment/kube-state-metrics';

const KUBE_STATE_METRICS_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(KSM), // kube-state-metrics and kube-rbac-proxy name no known base and declare none
  // trusted-registries
  'image-trusted-registry': PASS, // registry.k8s.io and quay.io are trusted by default
  'image-tag-pinned': PASS, // tags v2.19.1 and v0.22.1
  'image-digest-pinned': warn(KSM), // no digests
  'image-pull-policy': PASS, // no imagePullPolicy with fixed tags: IfNotPresent
  // registry-auth
  'image-pull-secret': NA, // registry.k8s.io and quay.io are public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(MONITORING), // no ResourceQuota
  'namespace-limit-range': fail(MONITORING), // no LimitRange
  'workloads-outside-default': PASS, // namespace: monitoring
  'namespace-pod-security': fail(MONITORING), // the Namespace sets pod-security.kubernetes.io/warn: privileged, but no enforce label
  'namespace-single-environment': NA, // no environment label
  // no-defaults
  'dedicated-service-account': PASS, // serviceAccountName: kube-state-metrics
  'service-account-token-automount': warn(KSM), // the pod spec sets automountServiceAccountToken: true, overriding the account's false
  'pod-security-context-set': PASS, // every container sets a securityContext
  'namespace-network-policy-present': PASS, // NetworkPolicy kube-state-metrics
  'resources-declared': PASS, // every container has requests and limits
  'env-unique-names': PASS, // no env
  'api-version-supported': PASS, // v1, apps/v1, networking.k8s.io/v1 and rbac.authorization.k8s.io/v1, all served in 1.37
  // labels
  'recommended-labels': PASS, // app.kubernetes.io/name on the Deployment and its template
  'service-selects-pods': PASS, // the Service selects component, name and part-of, all on the template
  'selector-matches-template': PASS, // the selector's three labels are on the template, and there is one workload
  'label-values-valid': PASS, // app.kubernetes.io/* values such as 2.19.1, and the Namespace's pod-security labels, are valid
  'policy-targets-pods': PASS, // the NetworkPolicy's podSelector matches the kube-state-metrics pods
  // annotations
  'ownership-annotations': warn(KSM), // the Deployment carries no annotations (part-of is a label, not an owner)
  'owner-contact-annotation': warn(KSM), // no contact annotation on the Deployment or the Namespace
  'version-annotation': PASS, // app.kubernetes.io/version: 2.19.1
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': PASS, // runAsUser 65534 and 65532 with runAsNonRoot
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': PASS, // allowPrivilegeEscalation: false on all three containers
  'read-only-root-filesystem': PASS, // readOnlyRootFilesystem: true on all three
  'capabilities-drop-all': PASS, // drop: [ALL] on all three
  'dangerous-capabilities': PASS, // nothing added
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': PASS, // RuntimeDefault on all three
  'host-path-volumes': PASS, // no volumes
  'host-ports': PASS, // containerPorts 8443 and 9443 without hostPort
  // resources
  'resource-requests': PASS, // every container requests cpu and memory
  'memory-limit': PASS, // every container has a memory limit
  'cpu-limit': PASS, // every container has a CPU limit
  'ephemeral-storage': PASS, // read-only root filesystems and no emptyDir: nothing to write to
  // probes
  'readiness-probe': fail(KSM), // none of the three containers has a readinessProbe
  'liveness-probe': fail(KSM), // none has a livenessProbe
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': NA, // no probes
  // availability
  'replicas-minimum': fail(KSM), // replicas: 1
  'pod-disruption-budget': NA, // a single replica gains nothing from a budget, and none exists
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': NA, // a single replica has nothing to spread
  'rolling-update-strategy': PASS, // default RollingUpdate 25%: 0 of 1 unavailable at once
  'statefulset-headless-service': NA, // no StatefulSet (the headless Service fronts a Deployment)
  'priority-class-set': warn(KSM), // the Service selects it and it names no priorityClassName
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': warn(MONITORING), // the one NetworkPolicy selects kube-state-metrics only, so it is not a namespace-wide default deny
  'pods-covered-by-network-policy': PASS, // the NetworkPolicy selects the pods and isolates Ingress (and Egress)
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // headless, no type: ClusterIP
  // access-control
  'rbac-cluster-admin': PASS, // ClusterRoleBinding kube-state-metrics binds ClusterRole kube-state-metrics, not cluster-admin
  'rbac-wildcards': PASS, // ClusterRoleBinding kube-state-metrics gives its ServiceAccount ClusterRole kube-state-metrics, which names every verb, resource and API group
  'rbac-secrets-access': fail('ServiceAccount/kube-state-metrics'), // the ClusterRole lists and watches secrets in every namespace (to export their metadata)
  'rbac-pods-exec': PASS, // the ClusterRole grants no exec or attach
  'service-account-exists': PASS, // ServiceAccount kube-state-metrics is defined
  // secrets-hygiene
  'secret-literal-values': PASS, // the flags are addresses, ports, cipher suites and an upstream URL
  'secret-references-exist': NA, // no Secret references
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes/website examples: application/web/web.yaml with a ResourceQuota, a LimitRange and a default deny -------

const WEB = 'StatefulSet/web';

const ADMIN_DEFAULT_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': PASS, // nginx-slim matches -slim
  // trusted-registries
  'image-trusted-registry': PASS, // registry.k8s.io
  'image-tag-pinned': warn(WEB), // image: registry.k8s.io/nginx-slim:0.7 is a major.minor tag, which follows that line's patch releases
  'image-digest-pinned': warn(WEB), // no digest
  'image-pull-policy': PASS, // no imagePullPolicy with a fixed tag: IfNotPresent
  // registry-auth
  'image-pull-secret': NA, // registry.k8s.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': PASS, // ResourceQuota mem-cpu-demo
  'namespace-limit-range': PASS, // LimitRange mem-limit-range
  'workloads-outside-default': fail(WEB), // no metadata.namespace
  'namespace-pod-security': fail(NAMESPACE), // no Namespace object with an enforce label
  'namespace-single-environment': NA, // the only label is app
  // no-defaults
  'dedicated-service-account': fail(WEB), // no serviceAccountName
  'service-account-token-automount': warn(WEB), // nothing sets automountServiceAccountToken: false
  'pod-security-context-set': fail(WEB), // no securityContext on the pod or the container
  'namespace-network-policy-present': PASS, // NetworkPolicy default-deny-all
  'resources-declared': PASS, // nginx declares nothing, but LimitRange mem-limit-range supplies memory defaults
  'env-unique-names': PASS, // no env
  'api-version-supported': PASS, // v1, apps/v1 and networking.k8s.io/v1, all served in 1.37
  // labels
  'recommended-labels': warn(WEB), // labelled app: nginx only
  'service-selects-pods': PASS, // nginx selects app=nginx, the template's label
  'selector-matches-template': PASS, // app: nginx on the template, one workload
  'label-values-valid': PASS, // app: nginx, and the policy's podSelector: {} holds nothing to reject
  'policy-targets-pods': PASS, // default-deny-all's podSelector {} selects every pod
  // annotations
  'ownership-annotations': warn(WEB), // no annotations
  'owner-contact-annotation': warn(WEB), // no annotations, no Namespace object
  'version-annotation': warn(WEB), // no version label or annotation
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': fail(WEB), // no runAsNonRoot or runAsUser
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': fail(WEB), // allowPrivilegeEscalation is not set to false
  'read-only-root-filesystem': fail(WEB), // writable root filesystem on a container that may run as root
  'capabilities-drop-all': fail(WEB), // default capabilities kept by a container that may run as root
  'dangerous-capabilities': PASS, // nothing added
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': fail(WEB), // no seccompProfile
  'host-path-volumes': PASS, // www is a volumeClaimTemplate, not a hostPath
  'host-ports': PASS, // containerPort 80 without hostPort
  // resources
  'resource-requests': fail(WEB), // no requests written; the LimitRange's defaultRequest would add memory only, never cpu
  // The LimitRange's default gives nginx a 512Mi limit at admission; memory-limit reads the container alone (see the report).
  'memory-limit': fail(WEB), // no memory limit in the manifest
  'cpu-limit': warn(WEB), // no CPU limit (advice only)
  'ephemeral-storage': warn(WEB), // writes go to the www claim, but the root filesystem is writable and unbounded
  // probes
  'readiness-probe': fail(WEB), // no readinessProbe
  'liveness-probe': fail(WEB), // no livenessProbe
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': NA, // no probes
  // availability
  'replicas-minimum': PASS, // replicas: 2
  'pod-disruption-budget': fail(WEB), // two replicas and no PodDisruptionBudget
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': warn(WEB), // two replicas, no spread constraint or anti-affinity
  'rolling-update-strategy': PASS, // no updateStrategy: RollingUpdate
  'statefulset-headless-service': PASS, // serviceName "nginx" names the headless Service nginx, which selects app=nginx
  'priority-class-set': warn(WEB), // the nginx Service selects it and it names no priorityClassName
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': PASS, // default-deny-all: podSelector {}, Ingress and Egress, no rules
  'pods-covered-by-network-policy': PASS, // default-deny-all selects the web pods and isolates Ingress
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // headless nginx: ClusterIP
  // access-control
  'rbac-cluster-admin': NA, // no ServiceAccount and no binding
  'rbac-wildcards': NA, // no Role or RoleBinding
  'rbac-secrets-access': NA, // no bindings
  'rbac-pods-exec': NA, // no bindings
  'service-account-exists': PASS, // the pods use default, which always exists
  // secrets-hygiene
  'secret-literal-values': PASS, // no env, no arguments
  'secret-references-exist': NA, // no Secret references
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

// --- kubernetes/dashboard aio/deploy/recommended.yaml (v2.7.0, its own namespace) ------------------------------------

const DASHBOARD_NAMESPACE = 'Namespace/kubernetes-dashboard';
const DASHBOARD = 'Deployment/kubernetes-dashboard';
const SCRAPER = 'Deployment/dashboard-metrics-scraper';

const DASHBOARD_EXPECTED: Record<string, Expected> = {
  // minimal-images
  'image-minimal-base': warn(DASHBOARD, SCRAPER), // kubernetesui/dashboard and metrics-scraper name no known base and declare none
  // trusted-registries
  'image-trusted-registry': fail(DASHBOARD, SCRAPER), // kubernetesui/* is on docker.io, which is not trusted by default
  'image-tag-pinned': PASS, // tags v2.7.0 and v1.0.8
  'image-digest-pinned': warn(DASHBOARD, SCRAPER), // no digests
  'image-pull-policy': PASS, // Always (dashboard) and the IfNotPresent default (scraper) with fixed tags
  // registry-auth
  'image-pull-secret': NA, // docker.io is public
  'pull-secret-exists': NA, // no imagePullSecrets
  'pull-secret-type': NA, // no imagePullSecrets
  'pull-secret-registry-host': NA, // no private registry
  // namespaces
  'namespace-resource-quota': fail(DASHBOARD_NAMESPACE), // no ResourceQuota
  'namespace-limit-range': fail(DASHBOARD_NAMESPACE), // no LimitRange
  'workloads-outside-default': PASS, // everything is in kubernetes-dashboard
  'namespace-pod-security': fail(DASHBOARD_NAMESPACE), // the Namespace object carries no labels, so no enforce label
  'namespace-single-environment': NA, // the only label is k8s-app
  // no-defaults
  'dedicated-service-account': PASS, // both Deployments run as ServiceAccount kubernetes-dashboard
  'service-account-token-automount': warn(DASHBOARD, SCRAPER), // the kubernetes-dashboard token is mounted in both (the dashboard needs it; the scraper would not)
  'pod-security-context-set': PASS, // both pods set seccompProfile RuntimeDefault
  'namespace-network-policy-present': fail(DASHBOARD_NAMESPACE), // no NetworkPolicy
  'resources-declared': fail(DASHBOARD, SCRAPER), // no resources blocks and no LimitRange
  'env-unique-names': PASS, // no env
  'api-version-supported': PASS, // v1, apps/v1 and rbac.authorization.k8s.io/v1, all served in 1.37 (the Namespace object is not graded)
  // labels
  'recommended-labels': warn(DASHBOARD, SCRAPER), // labelled k8s-app, never app.kubernetes.io/name
  'service-selects-pods': PASS, // each Service selects its Deployment's k8s-app label
  'selector-matches-template': PASS, // k8s-app: kubernetes-dashboard and k8s-app: dashboard-metrics-scraper keep them apart
  'label-values-valid': PASS, // every object is labelled k8s-app with a plain name
  'policy-targets-pods': NA, // no PodDisruptionBudget, NetworkPolicy or HorizontalPodAutoscaler
  // annotations
  'ownership-annotations': warn(DASHBOARD, SCRAPER), // no annotations
  'owner-contact-annotation': warn(DASHBOARD, SCRAPER), // no annotations on the Deployments or the Namespace
  'version-annotation': warn(DASHBOARD, SCRAPER), // no version label or annotation (only the image tags)
  'required-metadata': NA, // nothing required by default
  // security-context
  'run-as-non-root': PASS, // runAsUser: 1001 on both containers
  'no-privileged': PASS, // nothing privileged, no host namespaces
  'no-privilege-escalation': PASS, // allowPrivilegeEscalation: false on both
  'read-only-root-filesystem': PASS, // readOnlyRootFilesystem: true on both
  'capabilities-drop-all': warn(DASHBOARD, SCRAPER), // no drop: [ALL], but as uid 1001, so only a warning
  'dangerous-capabilities': PASS, // nothing added
  'proc-mount-default': PASS, // no procMount
  'windows-host-process': PASS, // no windowsOptions
  'seccomp-runtime-default': PASS, // pod securityContext seccompProfile RuntimeDefault on both
  'host-path-volumes': PASS, // a Secret volume and tmp-volume emptyDirs
  'host-ports': PASS, // containerPorts 8443 and 8000 without hostPort
  // resources
  'resource-requests': fail(DASHBOARD, SCRAPER), // no requests
  'memory-limit': fail(DASHBOARD, SCRAPER), // no memory limits
  'cpu-limit': warn(DASHBOARD, SCRAPER), // no CPU limits (advice only)
  'ephemeral-storage': fail(DASHBOARD, SCRAPER), // both write to a tmp-volume emptyDir without sizeLimit
  // probes
  'readiness-probe': fail(DASHBOARD, SCRAPER), // liveness probes only, no readinessProbe
  'liveness-probe': PASS, // httpGet / on 8443 and on 8000
  'probes-distinct': NA, // no container has both probes
  'probe-port-declared': PASS, // the liveness probes use 8443 and 8000, the declared containerPorts
  // availability
  'replicas-minimum': fail(DASHBOARD, SCRAPER), // replicas: 1 each
  'pod-disruption-budget': NA, // single replicas gain nothing from a budget, and none exists
  'hpa-replicas': NA, // no HorizontalPodAutoscaler
  'topology-spread': NA, // single replicas have nothing to spread
  'rolling-update-strategy': PASS, // default RollingUpdate 25%: 0 of 1 unavailable at once
  'statefulset-headless-service': NA, // no StatefulSet
  'priority-class-set': warn(DASHBOARD, SCRAPER), // both are behind a Service and name no priorityClassName
  'cronjob-policy': NA, // no CronJob
  // network
  'network-default-deny': fail(DASHBOARD_NAMESPACE), // no NetworkPolicy
  'pods-covered-by-network-policy': fail(DASHBOARD, SCRAPER), // no NetworkPolicy selects either
  'ingress-tls': NA, // no Ingress
  'service-exposure': PASS, // both Services are ClusterIP (reached through kubectl proxy)
  // access-control
  'rbac-cluster-admin': PASS, // RoleBinding kubernetes-dashboard binds its own Role; no binding is cluster-admin
  'rbac-wildcards': PASS, // Role kubernetes-dashboard names its verbs, resources and API groups
  'rbac-secrets-access': PASS, // the Role reads only the three Secrets it names; ClusterRole kubernetes-dashboard reads metrics only
  'rbac-pods-exec': PASS, // neither role grants exec or attach (services/proxy is not a pod)
  'service-account-exists': PASS, // ServiceAccount kubernetes-dashboard is defined and used by both and by the RoleBinding
  // secrets-hygiene
  'secret-literal-values': PASS, // flags --auto-generate-certificates and --namespace=kubernetes-dashboard; the settings ConfigMap is empty
  'secret-references-exist': PASS, // volume kubernetes-dashboard-certs reads Secret kubernetes-dashboard-certs, defined in the file
  // live-health
  'pod-crash-looping': NA, // no pod status in a manifest
  'pods-pending': NA, // no pod status in a manifest
  'pods-not-ready': NA, // no pod status in a manifest
  'pod-restarts': NA, // no pod status in a manifest
  'workload-available-replicas': NA, // no workload status in a manifest
};

interface CorpusEntry {
  /** What the test is called: the file, or the folder of files graded together as one namespace. */
  name: string;
  /** The manifests, relative to this folder, loaded together as one `kubectl apply` would. */
  files: string[];
  /** The namespace graded: where the manifests put their objects (`default` when they name none). */
  namespace: string;
  /** Kinds Shipshape does not read that the files hold (counted, not graded). */
  ignoredKinds?: Record<string, number>;
  expected: Record<string, Expected>;
  grade: ExpectedGrade;
}

const CORPUS: CorpusEntry[] = [
  {
    name: 'bookinfo.yaml',
    files: ['bookinfo.yaml'],
    namespace: 'default',
    expected: BOOKINFO_EXPECTED,
    // Not ready: no container runs as non-root, requests resources or has a readiness probe. Score 53.17 / 97 weight
    // (was 38.67 / 82: the six checks of issue 9 add 12 weight, and it passes all but priority-class-set's warning;
    // api-version-supported adds 3 and passes).
    grade: { score: 55, grade: 'F', verdict: 'not-ready', blocking: ['run-as-non-root', 'resource-requests', 'readiness-probe'] },
  },
  {
    name: 'guestbook.yaml',
    files: ['guestbook.yaml'],
    namespace: 'default',
    expected: GUESTBOOK_EXPECTED,
    // Not ready: the tags float, containers may run as root and have no readiness probe (resources are requested, unlike
    // bookinfo). Score 52.5 / 97: image-tag-pinned fails (e2e, v1, v4) and api-version-supported passes; replicas-minimum
    // earns 2/3 of its weight and service-exposure 5/6.
    grade: { score: 54, grade: 'F', verdict: 'not-ready', blocking: ['image-tag-pinned', 'run-as-non-root', 'readiness-probe'] },
  },
  {
    name: 'zookeeper.yaml',
    files: ['zookeeper.yaml'],
    namespace: 'default',
    expected: ZOOKEEPER_EXPECTED,
    // Every blocking check passes (uid 1000, pinned tag, requests, readiness probe), but quota, policies and limits fail:
    // 74.5 / 102 (was 58 / 85: the governed StatefulSet and four other new checks pass, priority-class-set warns, and
    // api-version-supported passes).
    grade: { score: 73, grade: 'C', verdict: 'ready-with-risks', blocking: [] },
  },
  {
    name: 'cronjob.yaml',
    files: ['cronjob.yaml'],
    namespace: 'default',
    expected: CRONJOB_EXPECTED,
    // Not ready: busybox untagged, batch/v1beta1 no longer served, as root, without requests. 29.5 / 76 (probes and
    // availability do not apply to a CronJob; api-version-supported adds 3 weight and no credit).
    grade: {
      score: 39,
      grade: 'F',
      verdict: 'not-ready',
      blocking: ['image-tag-pinned', 'api-version-supported', 'run-as-non-root', 'resource-requests'],
    },
  },
  {
    name: 'vllm/',
    files: ['vllm/vllm-deployment.yaml', 'vllm/vllm-service.yaml', 'vllm/horizontal-pod-autoscaler.yaml'],
    namespace: 'default',
    expected: VLLM_EXPECTED,
    // Not ready: runs as root with no readiness probe, though its resources are exemplary. 58 / 99 (was 54 / 96:
    // api-version-supported passes, 3 of 3, and the missing hf-secret only warns offline, 1 of 2).
    grade: { score: 59, grade: 'F', verdict: 'not-ready', blocking: ['run-as-non-root', 'readiness-probe'] },
  },
  {
    name: 'newrelic-infra-daemonset.yaml',
    files: ['newrelic-infra-daemonset.yaml'],
    namespace: 'default',
    expected: NEWRELIC_EXPECTED,
    // Not ready seven times over: untagged, extensions/v1beta1, root, privileged with every host namespace, the node's /
    // and docker.sock mounted, no memory request, no readiness probe. 35 / 89 (was 33 / 86: api-version-supported fails,
    // 0 of 3; the defaulted selector passes, +2; the OnDelete default warns, −1; the missing Secret warns offline, +1).
    grade: {
      score: 39,
      grade: 'F',
      verdict: 'not-ready',
      blocking: [
        'image-tag-pinned',
        'api-version-supported',
        'run-as-non-root',
        'no-privileged',
        'host-path-volumes',
        'resource-requests',
        'readiness-probe',
      ],
    },
  },
  {
    name: 'metrics-server/',
    files: [
      'metrics-server/metrics-server-deployment.yaml',
      'metrics-server/metrics-server-service.yaml',
      'metrics-server/metrics-server-pdb.yaml',
      'metrics-server/auth-reader.yaml',
      'metrics-server/auth-delegator.yaml',
      'metrics-server/resource-reader.yaml',
      'metrics-server/aggregated-metrics-reader.yaml',
      'metrics-server/metrics-apiservice.yaml',
    ],
    namespace: 'kube-system',
    ignoredKinds: { APIService: 1 },
    expected: METRICS_SERVER_EXPECTED,
    // Not ready for want of resource requests (later releases add them) and for its policy/v1beta1 budget; non-root,
    // read-only, probed. 76.125 / 109 (was 71.5 / 104: rbac-wildcards now grades the ClusterRoleBindings and passes, 2 of 2;
    // api-version-supported passes 7 of its 8 objects, 2.625 of 3). The blocking failure weighs by object, so the score
    // rises to a C while the verdict stays not ready.
    grade: { score: 70, grade: 'C', verdict: 'not-ready', blocking: ['api-version-supported', 'resource-requests'] },
  },
  {
    name: 'kube-state-metrics/',
    files: [
      'kube-state-metrics/namespace.yaml',
      'kube-state-metrics/kubeStateMetrics-serviceAccount.yaml',
      'kube-state-metrics/kubeStateMetrics-clusterRole.yaml',
      'kube-state-metrics/kubeStateMetrics-clusterRoleBinding.yaml',
      'kube-state-metrics/kubeStateMetrics-deployment.yaml',
      'kube-state-metrics/kubeStateMetrics-service.yaml',
      'kube-state-metrics/kubeStateMetrics-networkPolicy.yaml',
    ],
    namespace: 'monitoring',
    expected: KUBE_STATE_METRICS_EXPECTED,
    // The best hardened of the corpus (restricted-profile containers, limits, a NetworkPolicy), but no container has a
    // readiness probe, which is blocking. 87 / 105 (was 82 / 100: rbac-wildcards, now reading the ClusterRoleBinding, and
    // api-version-supported pass).
    grade: { score: 83, grade: 'B', verdict: 'not-ready', blocking: ['readiness-probe'] },
  },
  {
    name: 'admin-default/',
    files: [
      'admin-default/web.yaml',
      'admin-default/quota-mem-cpu.yaml',
      'admin-default/memory-defaults.yaml',
      'admin-default/network-policy-default-deny-all.yaml',
    ],
    namespace: 'default',
    expected: ADMIN_DEFAULT_EXPECTED,
    // The namespace has its quota, limit range and default deny, but nginx runs as root without requests or probes.
    // 64.5 / 101 (was 63 / 98: api-version-supported passes, +3; the major.minor tag 0.7 now warns, −1.5).
    grade: { score: 64, grade: 'D', verdict: 'not-ready', blocking: ['run-as-non-root', 'resource-requests', 'readiness-probe'] },
  },
  {
    name: 'dashboard.yaml',
    files: ['dashboard.yaml'],
    namespace: 'kubernetes-dashboard',
    expected: DASHBOARD_EXPECTED,
    // Non-root, read-only, seccomp'd and narrowly bound, but without requests or readiness probes. 77.5 / 107 (was
    // 74.5 / 104: api-version-supported passes).
    grade: { score: 72, grade: 'C', verdict: 'not-ready', blocking: ['resource-requests', 'readiness-probe'] },
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

function load(files: readonly string[], ignoredKinds: Record<string, number> = {}): KubeObject[] {
  let parsed = emptyParsedManifests();
  for (const file of files) parsed = parseManifests(readFileSync(path.join(import.meta.dirname, file), 'utf8'), file, parsed);
  expect(parsed.errors).toEqual([]);
  expect(parsed.ignoredKinds).toEqual(ignoredKinds);
  return parsed.objects;
}

describe.each(CORPUS)('corpus $name', ({ files, namespace: namespaceName, ignoredKinds, expected, grade }) => {
  const objects = load(files, ignoredKinds);
  const inventory = buildInventory(objects);
  const namespace = inventory.namespaces.get(namespaceName);
  if (!namespace) throw new Error(`${files.join(', ')}: nothing landed in namespace ${namespaceName}`);
  // Graded directly, as a system namespace too: the cluster-wide report leaves kube-system out by default.
  const report = evaluateNamespace(namespace, inventory, { now: NOW });

  it(`lands every namespaced object in ${namespaceName}, as kubectl apply would`, () => {
    expect([...inventory.namespaces.keys()]).toEqual([namespaceName]);
    // Objects that name no namespace land in default; the others name this one.
    const named = namespaceName === 'default' ? undefined : namespaceName;
    const namespaced = objects.filter((object) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(object.kind));
    expect(namespaced.every((object) => object.metadata.namespace === named)).toBe(true);
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
  const inventory = buildInventory([...load(['bookinfo.yaml']), policy]);
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
