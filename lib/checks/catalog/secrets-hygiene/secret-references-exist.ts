import { objectsOf, type Workload } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { SecretSummary } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { containersOf, missingSecretNote } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

/** One place a pod spec names a Secret (imagePullSecrets are pull-secret-exists' concern). */
export interface SecretReference {
  secret: string;
  /** Keys it needs; empty when it takes whatever the Secret holds. */
  keys: string[];
  optional: boolean;
  /** Where, for messages: "env DB_PASSWORD of container api", "volume tls". */
  where: string;
}

interface KeyToPath {
  key?: string;
}

interface SecretVolumeSource {
  secretName?: string;
  items?: KeyToPath[];
  optional?: boolean;
}

interface ProjectedSecret {
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
}

function itemKeys(items: KeyToPath[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (typeof item.key === 'string' ? [item.key] : []));
}

/** Every Secret a workload's pods name: env, envFrom, secret volumes and projected volumes. */
export function secretReferencesOf(workload: Workload): SecretReference[] {
  const references: SecretReference[] = [];
  for (const container of containersOf(workload, { includeInit: true })) {
    for (const entry of container.env ?? []) {
      const ref = entry.valueFrom?.secretKeyRef;
      if (!ref?.name) continue;
      references.push({
        secret: ref.name,
        keys: ref.key ? [ref.key] : [],
        optional: ref.optional === true,
        where: `env ${entry.name ?? '?'} of container ${container.name}`,
      });
    }
    for (const source of container.envFrom ?? []) {
      const ref = source.secretRef;
      if (!ref?.name) continue;
      references.push({ secret: ref.name, keys: [], optional: ref.optional === true, where: `envFrom of container ${container.name}` });
    }
  }
  for (const volume of workload.template.spec.volumes ?? []) {
    const secret = volume.secret as SecretVolumeSource | undefined;
    if (secret?.secretName) {
      references.push({
        secret: secret.secretName,
        keys: itemKeys(secret.items),
        optional: secret.optional === true,
        where: `volume ${volume.name}`,
      });
    }
    const sources = (volume.projected as { sources?: { secret?: ProjectedSecret }[] } | undefined)?.sources ?? [];
    for (const source of sources) {
      if (!source.secret?.name) continue;
      references.push({
        secret: source.secret.name,
        keys: itemKeys(source.secret.items),
        optional: source.secret.optional === true,
        where: `projected volume ${volume.name}`,
      });
    }
  }
  return references;
}

/** Keys the token controller writes into a service-account-token Secret, which a manifest leaves empty. */
const TOKEN_SECRET_KEYS = ['ca.crt', 'namespace', 'token'];

function keysOf(secret: SecretSummary): Set<string> {
  const keys = new Set(secret.dataKeys);
  if (secret.type === 'kubernetes.io/service-account-token') for (const key of TOKEN_SECRET_KEYS) keys.add(key);
  return keys;
}

export const secretReferencesExist: Check = {
  id: 'secret-references-exist',
  title: 'Secrets and keys that pods reference exist',
  principle: 'secrets-hygiene',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'Secret'],
  rationale:
    'A pod that references a missing Secret, or a key the Secret lacks, never starts (CreateContainerConfigError or a volume that cannot mount); the failure appears only at deploy time, often in one environment only. Manifests seldom hold their Secrets: there a missing one is a reminder, in a cluster a failure.',
  remediation: {
    summary:
      'Create the Secret with the expected keys in the workload’s namespace before the workload, fix the name or key, or mark the reference optional: true if the pod can run without it.',
    snippet: `env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: api-database   # must exist in this namespace
        key: password        # must be one of its data keys`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-a-secret',
  evaluate({ namespace, inventory }) {
    const secrets = new Map(objectsOf(namespace, 'Secret').map((secret) => [secret.metadata.name, secret]));
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const references = secretReferencesOf(workload);
      if (references.length === 0) continue;
      // An optional reference is the workload saying it runs without the Secret.
      const required = references.filter((reference) => !reference.optional);
      const missingSecrets = new Map<string, string[]>();
      const missingKeys: string[] = [];
      for (const reference of required) {
        const secret = secrets.get(reference.secret);
        if (!secret) {
          missingSecrets.set(reference.secret, [...(missingSecrets.get(reference.secret) ?? []), reference.where]);
          continue;
        }
        const have = keysOf(secret);
        const absent = reference.keys.filter((key) => !have.has(key));
        if (absent.length > 0)
          missingKeys.push(`${reference.where} needs key ${absent.join(', ')}, which Secret ${reference.secret} does not have`);
      }
      // Offline, a Secret the manifests lack is usually made apart from them: a warning, where a cluster's is a failure.
      const notes = [...missingSecrets].map(([name, where]) => ({ where, name, ...missingSecretNote(inventory, namespace, name) }));
      const problems = [
        ...notes.map(
          (note) =>
            `Secret ${note.name} (referenced by ${note.where.join(', ')}) ${note.text}${note.absentFromFiles ? '; it must exist in the namespace before the pods start' : ''}`,
        ),
        ...missingKeys,
      ];
      if (problems.length > 0) {
        const failing = missingKeys.length > 0 || notes.some((note) => note.status === 'fail');
        findings.push(failFinding(workload.object, problems.join('; '), failing ? 'fail' : 'warn'));
        continue;
      }
      const names = [...new Set(required.map((reference) => reference.secret))].sort();
      findings.push(
        passFinding(
          workload.object,
          names.length > 0
            ? `every Secret it references exists with the keys it needs (${names.join(', ')})`
            : 'references Secrets only as optional: true',
        ),
      );
    }
    return findings;
  },
};
