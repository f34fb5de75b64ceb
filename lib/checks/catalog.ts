/**
 * The catalog: every check Shipshape runs, listed explicitly (no file-system glob), in the
 * order a review reads them.
 */

import { apiVersionSupported } from './catalog/api-version-supported';
import { capabilitiesDropAll } from './catalog/capabilities-drop-all';
import { cpuLimit } from './catalog/cpu-limit';
import { cronjobPolicy } from './catalog/cronjob-policy';
import { dangerousCapabilities } from './catalog/dangerous-capabilities';
import { dedicatedServiceAccount } from './catalog/dedicated-service-account';
import { envUniqueNames } from './catalog/env-unique-names';
import { ephemeralStorage } from './catalog/ephemeral-storage';
import { hostPathVolumes } from './catalog/host-path-volumes';
import { hostPorts } from './catalog/host-ports';
import { hpaReplicas } from './catalog/hpa-replicas';
import { imageDigestPinned } from './catalog/image-digest-pinned';
import { imageMinimalBase } from './catalog/image-minimal-base';
import { imagePullPolicy } from './catalog/image-pull-policy';
import { imagePullSecret } from './catalog/image-pull-secret';
import { imageTagPinned } from './catalog/image-tag-pinned';
import { imageTrustedRegistry } from './catalog/image-trusted-registry';
import { ingressTls } from './catalog/ingress-tls';
import { labelValuesValid } from './catalog/label-values-valid';
import { livenessProbe } from './catalog/liveness-probe';
import { memoryLimit } from './catalog/memory-limit';
import { namespaceLimitRange } from './catalog/namespace-limit-range';
import { namespaceNetworkPolicyPresent } from './catalog/namespace-network-policy-present';
import { namespacePodSecurity } from './catalog/namespace-pod-security';
import { namespaceResourceQuota } from './catalog/namespace-resource-quota';
import { namespaceSingleEnvironment } from './catalog/namespace-single-environment';
import { networkDefaultDeny } from './catalog/network-default-deny';
import { noPrivilegeEscalation } from './catalog/no-privilege-escalation';
import { noPrivileged } from './catalog/no-privileged';
import { ownerContactAnnotation } from './catalog/owner-contact-annotation';
import { ownershipAnnotations } from './catalog/ownership-annotations';
import { podCrashLooping } from './catalog/pod-crash-looping';
import { podDisruptionBudget } from './catalog/pod-disruption-budget';
import { podRestarts } from './catalog/pod-restarts';
import { podSecurityContextSet } from './catalog/pod-security-context-set';
import { podsCoveredByNetworkPolicy } from './catalog/pods-covered-by-network-policy';
import { podsNotReady } from './catalog/pods-not-ready';
import { podsPending } from './catalog/pods-pending';
import { policyTargetsPods } from './catalog/policy-targets-pods';
import { priorityClassSet } from './catalog/priority-class-set';
import { probePortDeclared } from './catalog/probe-port-declared';
import { probesDistinct } from './catalog/probes-distinct';
import { procMountDefault } from './catalog/proc-mount-default';
import { pullSecretExists } from './catalog/pull-secret-exists';
import { pullSecretRegistryHost } from './catalog/pull-secret-registry-host';
import { pullSecretType } from './catalog/pull-secret-type';
import { rbacClusterAdmin } from './catalog/rbac-cluster-admin';
import { rbacPodsExec } from './catalog/rbac-pods-exec';
import { rbacSecretsAccess } from './catalog/rbac-secrets-access';
import { rbacWildcards } from './catalog/rbac-wildcards';
import { readOnlyRootFilesystem } from './catalog/read-only-root-filesystem';
import { readinessProbe } from './catalog/readiness-probe';
import { recommendedLabels } from './catalog/recommended-labels';
import { replicasMinimum } from './catalog/replicas-minimum';
import { requiredMetadata } from './catalog/required-metadata';
import { resourceRequests } from './catalog/resource-requests';
import { resourcesDeclared } from './catalog/resources-declared';
import { rollingUpdateStrategy } from './catalog/rolling-update-strategy';
import { runAsNonRoot } from './catalog/run-as-non-root';
import { seccompRuntimeDefault } from './catalog/seccomp-runtime-default';
import { secretLiteralValues } from './catalog/secret-literal-values';
import { secretReferencesExist } from './catalog/secret-references-exist';
import { selectorMatchesTemplate } from './catalog/selector-matches-template';
import { serviceAccountExists } from './catalog/service-account-exists';
import { serviceAccountTokenAutomount } from './catalog/service-account-token-automount';
import { serviceExposure } from './catalog/service-exposure';
import { serviceSelectsPods } from './catalog/service-selects-pods';
import { statefulsetHeadlessService } from './catalog/statefulset-headless-service';
import { topologySpread } from './catalog/topology-spread';
import { versionAnnotation } from './catalog/version-annotation';
import { windowsHostProcess } from './catalog/windows-host-process';
import { workloadAvailableReplicas } from './catalog/workload-available-replicas';
import { workloadsOutsideDefault } from './catalog/workloads-outside-default';
import type { Check } from './types';

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
