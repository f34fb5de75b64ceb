/**
 * The catalog: every check Shipshape runs, listed explicitly (no file-system glob), in the
 * order a review reads them.
 */

import type { Check } from '../types';
import { rbacClusterAdmin } from './access-control/rbac-cluster-admin';
import { rbacPodsExec } from './access-control/rbac-pods-exec';
import { rbacSecretsAccess } from './access-control/rbac-secrets-access';
import { rbacWildcards } from './access-control/rbac-wildcards';
import { serviceAccountExists } from './access-control/service-account-exists';
import { ownerContactAnnotation } from './annotations/owner-contact-annotation';
import { ownershipAnnotations } from './annotations/ownership-annotations';
import { requiredMetadata } from './annotations/required-metadata';
import { versionAnnotation } from './annotations/version-annotation';
import { cronjobPolicy } from './availability/cronjob-policy';
import { hpaReplicas } from './availability/hpa-replicas';
import { podDisruptionBudget } from './availability/pod-disruption-budget';
import { priorityClassSet } from './availability/priority-class-set';
import { replicasMinimum } from './availability/replicas-minimum';
import { rollingUpdateStrategy } from './availability/rolling-update-strategy';
import { statefulsetHeadlessService } from './availability/statefulset-headless-service';
import { topologySpread } from './availability/topology-spread';
import { labelValuesValid } from './labels/label-values-valid';
import { policyTargetsPods } from './labels/policy-targets-pods';
import { recommendedLabels } from './labels/recommended-labels';
import { selectorMatchesTemplate } from './labels/selector-matches-template';
import { serviceSelectsPods } from './labels/service-selects-pods';
import { podCrashLooping } from './live-health/pod-crash-looping';
import { podRestarts } from './live-health/pod-restarts';
import { podsNotReady } from './live-health/pods-not-ready';
import { podsPending } from './live-health/pods-pending';
import { workloadAvailableReplicas } from './live-health/workload-available-replicas';
import { imageMinimalBase } from './minimal-images/image-minimal-base';
import { namespaceLimitRange } from './namespaces/namespace-limit-range';
import { namespacePodSecurity } from './namespaces/namespace-pod-security';
import { namespaceResourceQuota } from './namespaces/namespace-resource-quota';
import { namespaceSingleEnvironment } from './namespaces/namespace-single-environment';
import { workloadsOutsideDefault } from './namespaces/workloads-outside-default';
import { ingressTls } from './network/ingress-tls';
import { networkDefaultDeny } from './network/network-default-deny';
import { podsCoveredByNetworkPolicy } from './network/pods-covered-by-network-policy';
import { serviceExposure } from './network/service-exposure';
import { apiVersionSupported } from './no-defaults/api-version-supported';
import { dedicatedServiceAccount } from './no-defaults/dedicated-service-account';
import { envUniqueNames } from './no-defaults/env-unique-names';
import { namespaceNetworkPolicyPresent } from './no-defaults/namespace-network-policy-present';
import { podSecurityContextSet } from './no-defaults/pod-security-context-set';
import { resourcesDeclared } from './no-defaults/resources-declared';
import { serviceAccountTokenAutomount } from './no-defaults/service-account-token-automount';
import { livenessProbe } from './probes/liveness-probe';
import { probePortDeclared } from './probes/probe-port-declared';
import { probesDistinct } from './probes/probes-distinct';
import { readinessProbe } from './probes/readiness-probe';
import { imagePullSecret } from './registry-auth/image-pull-secret';
import { pullSecretExists } from './registry-auth/pull-secret-exists';
import { pullSecretRegistryHost } from './registry-auth/pull-secret-registry-host';
import { pullSecretType } from './registry-auth/pull-secret-type';
import { cpuLimit } from './resources/cpu-limit';
import { ephemeralStorage } from './resources/ephemeral-storage';
import { memoryLimit } from './resources/memory-limit';
import { resourceRequests } from './resources/resource-requests';
import { secretLiteralValues } from './secrets-hygiene/secret-literal-values';
import { secretReferencesExist } from './secrets-hygiene/secret-references-exist';
import { capabilitiesDropAll } from './security-context/capabilities-drop-all';
import { dangerousCapabilities } from './security-context/dangerous-capabilities';
import { hostPathVolumes } from './security-context/host-path-volumes';
import { hostPorts } from './security-context/host-ports';
import { noPrivilegeEscalation } from './security-context/no-privilege-escalation';
import { noPrivileged } from './security-context/no-privileged';
import { procMountDefault } from './security-context/proc-mount-default';
import { readOnlyRootFilesystem } from './security-context/read-only-root-filesystem';
import { runAsNonRoot } from './security-context/run-as-non-root';
import { seccompRuntimeDefault } from './security-context/seccomp-runtime-default';
import { windowsHostProcess } from './security-context/windows-host-process';
import { imageDigestPinned } from './trusted-registries/image-digest-pinned';
import { imagePullPolicy } from './trusted-registries/image-pull-policy';
import { imageTagPinned } from './trusted-registries/image-tag-pinned';
import { imageTrustedRegistry } from './trusted-registries/image-trusted-registry';

export const CATALOG: readonly Check[] = [
  // minimal-images
  imageMinimalBase,
  // trusted-registries
  imageTrustedRegistry,
  imageTagPinned,
  imageDigestPinned,
  imagePullPolicy,
  // registry-auth
  imagePullSecret,
  pullSecretExists,
  pullSecretType,
  pullSecretRegistryHost,
  // namespaces
  namespaceResourceQuota,
  namespaceLimitRange,
  workloadsOutsideDefault,
  namespacePodSecurity,
  namespaceSingleEnvironment,
  // no-defaults
  dedicatedServiceAccount,
  serviceAccountTokenAutomount,
  podSecurityContextSet,
  namespaceNetworkPolicyPresent,
  resourcesDeclared,
  envUniqueNames,
  apiVersionSupported,
  // labels
  recommendedLabels,
  serviceSelectsPods,
  selectorMatchesTemplate,
  labelValuesValid,
  policyTargetsPods,
  // annotations
  ownershipAnnotations,
  ownerContactAnnotation,
  versionAnnotation,
  requiredMetadata,
  // security-context
  runAsNonRoot,
  noPrivileged,
  noPrivilegeEscalation,
  readOnlyRootFilesystem,
  capabilitiesDropAll,
  dangerousCapabilities,
  procMountDefault,
  windowsHostProcess,
  seccompRuntimeDefault,
  hostPathVolumes,
  hostPorts,
  // resources
  resourceRequests,
  memoryLimit,
  cpuLimit,
  ephemeralStorage,
  // probes
  readinessProbe,
  livenessProbe,
  probesDistinct,
  probePortDeclared,
  // availability
  replicasMinimum,
  podDisruptionBudget,
  hpaReplicas,
  topologySpread,
  rollingUpdateStrategy,
  statefulsetHeadlessService,
  priorityClassSet,
  cronjobPolicy,
  // network
  networkDefaultDeny,
  podsCoveredByNetworkPolicy,
  ingressTls,
  serviceExposure,
  // access-control
  rbacClusterAdmin,
  rbacWildcards,
  rbacSecretsAccess,
  rbacPodsExec,
  serviceAccountExists,
  // secrets-hygiene
  secretLiteralValues,
  secretReferencesExist,
  // live-health (observed: shown, not graded)
  podCrashLooping,
  podsPending,
  podsNotReady,
  podRestarts,
  workloadAvailableReplicas,
];

const CHECKS_BY_ID: ReadonlyMap<string, Check> = new Map(CATALOG.map((check) => [check.id, check]));

/** The catalog's check ids. */
export const CATALOG_CHECK_IDS: ReadonlySet<string> = new Set(CHECKS_BY_ID.keys());

/** The catalog's check with this id (pages and the CLI look one up per checklist item). */
export function checkById(id: string): Check | undefined {
  return CHECKS_BY_ID.get(id);
}
