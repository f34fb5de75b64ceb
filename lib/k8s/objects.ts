/**
 * Minimal, structural types for the Kubernetes objects Shipshape reads.
 * Pure data: no client-node import, so the checks library stays usable anywhere.
 * Only the fields the checks look at are typed; everything else stays `unknown`.
 */

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
  env?: unknown[];
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
