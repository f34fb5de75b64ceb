import type { Inventory, NamespaceInventory } from '../../../inventory';
import {
  apiVersionStanding,
  DEFAULT_KUBERNETES_VERSION,
  type DeprecatedApiVersion,
  type KubernetesVersion,
  parseKubernetesVersion,
} from '../../../k8s/api-versions';
import type { KubeObject } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { accountsNamedBy, bindsEveryAccountOf, roleRefOf } from '../../helpers/rbac';
import type { Check, ObjectFinding } from '../../types';

/**
 * The cluster-scoped objects a namespace depends on: ClusterRoleBindings that reach its accounts,
 * and the ClusterRoles those and its RoleBindings grant. Graded here, since they have no namespace of their own.
 */
function clusterObjectsFor(namespace: NamespaceInventory, inventory: Inventory): KubeObject[] {
  const bindings = (inventory.clusterScoped.get('ClusterRoleBinding') ?? []).filter(
    (binding) => accountsNamedBy(binding, namespace.name).length > 0 || bindsEveryAccountOf(binding, namespace.name),
  );
  const roleNames = new Set(
    [...bindings, ...(namespace.byKind.get('RoleBinding') ?? [])]
      .map(roleRefOf)
      .filter((ref) => ref.kind === 'ClusterRole' && ref.name)
      .map((ref) => ref.name as string),
  );
  const roles = (inventory.clusterScoped.get('ClusterRole') ?? []).filter((role) => roleNames.has(role.metadata.name));
  return [...bindings, ...roles];
}

/**
 * Objects the cluster makes itself: what a controller creates from another object (a Deployment's
 * ReplicaSets and Pods), the API server's bootstrap roles and bindings (system:basic-user bound to
 * every authenticated user, …), every namespace's `default` ServiceAccount and `kube-root-ca.crt`
 * ConfigMap, and the `kubernetes` Service in `default`. Nobody writes their version, and manifests do not hold them, so they are not graded:
 * a live cluster and its manifests then grade the same objects.
 */
function isMadeByCluster(object: KubeObject): boolean {
  if ((object.metadata.ownerReferences ?? []).some((owner) => owner.controller)) return true;
  if (object.metadata.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults') return true;
  const { name } = object.metadata;
  return (
    (object.kind === 'ServiceAccount' && name === 'default') ||
    (object.kind === 'ConfigMap' && name === 'kube-root-ca.crt') ||
    (object.kind === 'Service' && name === 'kubernetes' && object.metadata.namespace === 'default')
  );
}

function replacementOf(entry: DeprecatedApiVersion): string {
  return `use ${entry.replacement}${entry.note ? ` (${entry.note})` : ''}`;
}

function gradeObject(object: KubeObject, target: KubernetesVersion, targetText: string): ObjectFinding | undefined {
  const standing = apiVersionStanding(object.apiVersion, object.kind, target);
  switch (standing.state) {
    case 'removed':
      return failFinding(
        object,
        `${object.apiVersion} ${object.kind} is no longer served since Kubernetes ${standing.entry.removedIn}, so a ${targetText} API server rejects it; ${replacementOf(standing.entry)}`,
      );
    case 'deprecated':
      return failFinding(
        object,
        `${object.apiVersion} ${object.kind} is deprecated since Kubernetes ${standing.entry.deprecatedIn} and no longer served from ${standing.entry.removedIn}; ${replacementOf(standing.entry)}`,
        'warn',
      );
    case 'served':
      return passFinding(
        object,
        standing.entry
          ? `${object.apiVersion} is served in Kubernetes ${targetText} (deprecated from ${standing.entry.deprecatedIn})`
          : `${object.apiVersion} is served in Kubernetes ${targetText}`,
      );
    default:
      // A custom resource group or an unknown version: Shipshape cannot say, so it does not judge.
      return undefined;
  }
}

export const apiVersionSupported: Check = {
  id: 'api-version-supported',
  title: 'Objects use API versions the target Kubernetes serves',
  principle: 'no-defaults',
  severity: 'blocking',
  // Not the Namespace object itself: it has only ever been v1, and grading it would give an empty namespace a score.
  targets: [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
    'Service',
    'Ingress',
    'NetworkPolicy',
    'ResourceQuota',
    'LimitRange',
    'PodDisruptionBudget',
    'HorizontalPodAutoscaler',
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'ClusterRole',
    'ClusterRoleBinding',
    'Secret',
    'ConfigMap',
  ],
  // Reads whatever was read: an unreadable kind has no objects to judge, and does not stop the others.
  reads: [],
  rationale:
    'A manifest written for a removed API version (extensions/v1beta1, policy/v1beta1, …) cannot be applied at all, and the old version came with other defaults (selectors taken from labels, OnDelete updates, 1-pod rolling steps), so what it was tested with is not what a current cluster would run.',
  remediation: {
    summary:
      'Move the object to the replacement API version, adding what the new version no longer defaults (a selector equal to the template labels, an explicit update strategy); kubectl convert rewrites a file.',
    snippet: `# before: apiVersion: extensions/v1beta1
apiVersion: apps/v1
kind: Deployment
spec:
  selector:            # required in apps/v1: the template labels
    matchLabels:
      app.kubernetes.io/name: api
  strategy:            # extensions/v1beta1 defaulted to 1 and 1
    rollingUpdate: { maxUnavailable: 1, maxSurge: 1 }`,
  },
  docs: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
  evaluate({ namespace, inventory, config }) {
    const target =
      parseKubernetesVersion(config.kubernetesVersion) ?? (parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION) as KubernetesVersion);
    const targetText = `${target.major}.${target.minor}`;
    const objects = [...[...namespace.byKind.values()].flat(), ...clusterObjectsFor(namespace, inventory)].filter(
      (object) => !isMadeByCluster(object),
    );
    return objects.map((object) => gradeObject(object, target, targetText)).filter((finding) => finding !== undefined);
  },
};
