/**
 * Minimal, structural types for the Kubernetes objects Shipshape reads.
 * Pure data: no client-node import, so the checks library stays usable anywhere.
 * Only the fields the checks look at are typed; everything else stays `unknown`.
 *
 * Kind-specific shapes come from `kubernetes-types` (type-only, shaped like the wire JSON), each
 * behind `DeepPartial`: input is untrusted, so no field can be assumed present. `ObjectOf<kind>`
 * is what `objectsOf(namespace, kind)` returns, so checks read typed fields without casting.
 */
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { EnvFromSource, EnvVar, LimitRange, ResourceQuota, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Ingress, NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { KnownKind } from './kinds';

/** Every field optional, all the way down: what untrusted YAML or JSON may really hold. */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? DeepPartial<Item>[]
  : T extends object
    ? { [Key in keyof T]?: DeepPartial<T[Key]> }
    : T;

/** The kind-specific shapes (`spec`, `rules`, …) of the kinds whose fields checks read. */
interface KindShapes {
  Deployment: Deployment;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  Job: Job;
  CronJob: CronJob;
  Service: Service;
  ServiceAccount: ServiceAccount;
  ResourceQuota: ResourceQuota;
  LimitRange: LimitRange;
  Ingress: Ingress;
  NetworkPolicy: NetworkPolicy;
  PodDisruptionBudget: PodDisruptionBudget;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Role: Role;
  RoleBinding: RoleBinding;
  ClusterRole: ClusterRole;
  ClusterRoleBinding: ClusterRoleBinding;
}

/** An object of one kind: the common envelope, with that kind's own fields typed (deep-partially). */
export type ObjectOf<Kind extends KnownKind> = Kind extends 'Secret'
  ? SecretSummary
  : Kind extends keyof KindShapes
    ? KubeObject & DeepPartial<Omit<KindShapes[Kind], 'apiVersion' | 'kind' | 'metadata'>>
    : KubeObject;

/** The object with its kind's shape, when it is of that kind: the one cast, after the kind is checked. */
export function asKind<Kind extends KnownKind>(object: KubeObject, kind: Kind): ObjectOf<Kind> | undefined {
  return object.kind === kind ? (object as ObjectOf<Kind>) : undefined;
}

/** A container's env entries and envFrom sources, as untrusted input. */
export type ContainerEnvVar = DeepPartial<EnvVar>;
export type ContainerEnvFrom = DeepPartial<EnvFromSource>;

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; controller?: boolean }[];
  creationTimestamp?: string;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface Probe {
  httpGet?: { path?: string; port: number | string };
  tcpSocket?: { port: number | string };
  grpc?: { port: number };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
}

export interface ResourceRequirements {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  ports?: { containerPort: number; name?: string; hostPort?: number }[];
  env?: ContainerEnvVar[];
  envFrom?: ContainerEnvFrom[];
  resources?: ResourceRequirements;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: SecurityContext;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name: string }[];
  securityContext?: SecurityContext & { fsGroup?: number };
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: { name: string; hostPath?: unknown; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface PodTemplate {
  metadata?: Partial<ObjectMeta>;
  spec: PodSpec;
}

/**
 * A Secret as Shipshape keeps it: metadata, type and key names only.
 * The values are dropped at ingest (see `redactSecret`); for registry pull secrets the
 * registry host names are kept, because a check needs them and they are not credentials.
 */
export interface SecretSummary extends KubeObject {
  kind: 'Secret';
  type?: string;
  dataKeys: string[];
  registryHosts?: string[];
}

/** A reference to one object, as findings and links carry it. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

export function refOf(object: KubeObject): ObjectRef {
  const ref: ObjectRef = { kind: object.kind, name: object.metadata.name };
  if (object.metadata.namespace) ref.namespace = object.metadata.namespace;
  return ref;
}

/** DNS-1123 label: what a namespace name must be. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isDns1123Label(value: string): boolean {
  return DNS1123_LABEL.test(value);
}
