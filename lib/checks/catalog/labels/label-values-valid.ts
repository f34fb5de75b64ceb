import { z } from 'zod';
import type { NamespaceInventory } from '../../../inventory';
import { type KnownKind, WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { KubeObject } from '../../../k8s/objects';
import { hasController, isClusterProvided } from '../../../k8s/semantics';
import { memoizeString } from '../../../memo';
import { failFinding, passFinding } from '../../findings';
import type { Check, ObjectFinding } from '../../types';

/**
 * The API server's label syntax (apimachinery's IsQualifiedName and IsValidLabelValue): a value is
 * empty or at most 63 letters, digits, `-`, `_` and `.` that start and end with a letter or digit;
 * a key is such a name (not empty), optionally behind a DNS subdomain prefix and a `/`.
 */
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_RULE = 'letters, digits, -, _ and . only, starting and ending with a letter or digit';

// YAML reads `version: 1.0` or `enabled: true` as a number or a boolean, which the API server refuses.
// Admission (lib/k8s/admission-schema.ts) already turns such an object into a manifest error naming
// the field, so no inventory holds one; the type rule keeps labelValueProblem whole for any caller.
const labelValueSchema = z
  .string({ error: (issue) => `is a ${issue.input === null ? 'null' : typeof issue.input}, not a string (quote it in the YAML)` })
  .max(63, 'is longer than 63 characters')
  .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, `must be empty or ${NAME_RULE}`);

const labelNameSchema = z
  .string()
  .min(1, 'has an empty name part')
  .max(63, 'has a name part longer than 63 characters')
  .regex(LABEL_NAME, `has a name part that is not ${NAME_RULE}`);

const labelPrefixSchema = z
  .string()
  .min(1, 'has an empty prefix before the /')
  .max(253, 'has a prefix longer than 253 characters')
  .regex(DNS1123_SUBDOMAIN, 'has a prefix that is not a DNS subdomain (lower-case letters, digits, - and .)');

const labelKeySchema = z.string().superRefine((key, context) => {
  const parts = key.split('/');
  if (parts.length > 2) {
    context.addIssue({ code: 'custom', message: 'has more than one /' });
    return;
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  for (const [schema, part] of [
    [labelPrefixSchema, prefix],
    [labelNameSchema, name],
  ] as const) {
    if (part === undefined) continue;
    const result = schema.safeParse(part);
    if (!result.success) for (const issue of result.error.issues) context.addIssue({ code: 'custom', message: issue.message });
  }
});

// The same keys and values recur on every object of a cluster: each is validated once.
const keyProblem = memoizeString((key: string): string | undefined => {
  const result = labelKeySchema.safeParse(key);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is not a valid label key');
});

function valueProblemOf(value: unknown): string | undefined {
  const result = labelValueSchema.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is not a valid label value');
}
const stringValueProblem = memoizeString(valueProblemOf);

/** Why the API server would reject this label key, or undefined when it is valid. */
export function labelKeyProblem(key: string): string | undefined {
  return keyProblem(key);
}

/** Why the API server would reject this label value, or undefined when it is valid. */
export function labelValueProblem(value: unknown): string | undefined {
  return typeof value === 'string' ? stringValueProblem(value) : valueProblemOf(value);
}

/** Keys and values are shown as written, but cut short: they come from the manifest and may be huge. */
function shown(text: unknown): string {
  const value = typeof text === 'string' ? text : (JSON.stringify(text) ?? String(text));
  return value.length > 70 ? `${value.slice(0, 67)}…` : value;
}

/** Problems of one label map (metadata.labels, matchLabels, a Service selector) found at `where`. */
export function labelMapProblems(labels: unknown, where: string): string[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [`${where} is not a map of keys to values`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) problems.push(`${where}: key “${shown(key)}” ${keyProblem}`);
    const valueProblem = labelValueProblem(value);
    if (valueProblem) problems.push(`${where}: value “${shown(value)}” of ${shown(key)} ${valueProblem}`);
  }
  return problems;
}

/** Problems of a LabelSelector: its matchLabels, and the keys and values of its matchExpressions. */
export function selectorProblems(selector: unknown, where: string): string[] {
  if (selector === undefined || selector === null || typeof selector !== 'object') return [];
  const { matchLabels, matchExpressions } = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const problems = labelMapProblems(matchLabels, `${where}.matchLabels`);
  if (!Array.isArray(matchExpressions)) return problems;
  for (const expression of matchExpressions) {
    const { key, values } = (expression ?? {}) as { key?: unknown; values?: unknown };
    const keyProblem = typeof key === 'string' ? labelKeyProblem(key) : 'is missing';
    if (keyProblem) problems.push(`${where}.matchExpressions: key “${shown(key ?? '')}” ${keyProblem}`);
    for (const value of Array.isArray(values) ? values : []) {
      const valueProblem = labelValueProblem(value);
      if (valueProblem) problems.push(`${where}.matchExpressions: value “${shown(value)}” of ${shown(key ?? '')} ${valueProblem}`);
    }
  }
  return problems;
}

type Spec = Record<string, unknown>;

/** One place an object holds labels: a label map (metadata.labels, a Service selector) or a LabelSelector. */
interface LabelSite {
  where: string;
  form: 'map' | 'selector';
  value: unknown;
}

const LABEL_SELECTOR_KIND_LIST: readonly KnownKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'PodDisruptionBudget',
];
const LABEL_SELECTOR_KINDS: ReadonlySet<string> = new Set(LABEL_SELECTOR_KIND_LIST);

function networkPolicyPeerSites(spec: Spec): LabelSite[] {
  const sites: LabelSite[] = [];
  for (const [direction, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = Array.isArray(spec[direction]) ? (spec[direction] as unknown[]) : [];
    rules.forEach((rule, ruleIndex) => {
      const peers = (rule as Spec | null)?.[peersKey];
      (Array.isArray(peers) ? peers : []).forEach((peer, peerIndex) => {
        const { podSelector, namespaceSelector } = (peer ?? {}) as Spec;
        const where = `spec.${direction}[${ruleIndex}].${peersKey}[${peerIndex}]`;
        sites.push({ where: `${where}.podSelector`, form: 'selector', value: podSelector });
        sites.push({ where: `${where}.namespaceSelector`, form: 'selector', value: namespaceSelector });
      });
    });
  }
  return sites;
}

/**
 * Labels the API server writes itself, valid by construction: a Namespace's name label, and the
 * uid and name labels it puts on a Job's pod template (with the selector on them). Nobody writes
 * them, so they are not graded, and a cluster's objects grade as their manifests do.
 */
const NAMESPACE_GENERATED = ['kubernetes.io/metadata.name'];
const JOB_TEMPLATE_GENERATED = ['batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'controller-uid', 'job-name'];

/** A label map without the generated keys; undefined when nothing else is left. */
function withoutGenerated(labels: unknown, generated: readonly string[]): unknown {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return labels;
  const rest = Object.fromEntries(Object.entries(labels).filter(([key]) => !generated.includes(key)));
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** A Job's selector is the API server's unless the manifest opts out with manualSelector. */
function writtenSelectorOf(object: KubeObject, spec: Spec): unknown {
  return object.kind === 'Job' && spec.manualSelector !== true ? undefined : spec.selector;
}

/** Every place of one object whose labels the API server validates, set or not. */
function labelSitesOf(object: KubeObject): LabelSite[] {
  const own = object.kind === 'Namespace' ? withoutGenerated(object.metadata.labels, NAMESPACE_GENERATED) : object.metadata.labels;
  const sites: LabelSite[] = [{ where: 'metadata.labels', form: 'map', value: own }];
  const spec = (object.spec ?? {}) as Spec;
  if (LABEL_SELECTOR_KINDS.has(object.kind))
    sites.push({ where: 'spec.selector', form: 'selector', value: writtenSelectorOf(object, spec) });
  if (object.kind === 'Service') sites.push({ where: 'spec.selector', form: 'map', value: spec.selector });
  if (object.kind === 'NetworkPolicy') {
    sites.push({ where: 'spec.podSelector', form: 'selector', value: spec.podSelector }, ...networkPolicyPeerSites(spec));
  }
  if (object.kind === 'CronJob') {
    const jobTemplate = (spec.jobTemplate ?? {}) as { metadata?: { labels?: unknown }; spec?: Spec };
    const template = (jobTemplate.spec?.template ?? {}) as { metadata?: { labels?: unknown } };
    sites.push(
      { where: 'spec.jobTemplate.metadata.labels', form: 'map', value: jobTemplate.metadata?.labels },
      { where: 'spec.jobTemplate.spec.selector', form: 'selector', value: jobTemplate.spec?.selector },
      { where: 'spec.jobTemplate.spec.template.metadata.labels', form: 'map', value: template.metadata?.labels },
    );
  } else if (object.kind !== 'Pod' && spec.template && typeof spec.template === 'object') {
    const labels = (spec.template as { metadata?: { labels?: unknown } }).metadata?.labels;
    const written = object.kind === 'Job' && spec.manualSelector !== true ? withoutGenerated(labels, JOB_TEMPLATE_GENERATED) : labels;
    sites.push({ where: 'spec.template.metadata.labels', form: 'map', value: written });
  }
  return sites.filter((site) => site.value !== undefined && site.value !== null);
}

/**
 * Every problem the API server would find in one object's labels and selectors, with the field it
 * sits in; undefined when the object holds no labels or selectors at all (nothing to grade).
 */
export function objectLabelProblems(object: KubeObject): string[] | undefined {
  const sites = labelSitesOf(object);
  if (sites.length === 0) return undefined;
  return sites.flatMap((site) =>
    site.form === 'map' ? labelMapProblems(site.value, site.where) : selectorProblems(site.value, site.where),
  );
}

/** A finding lists a handful of problems; hostile input may hold thousands. */
const MAX_LISTED = 5;

/**
 * The objects a person wrote: controller-made ReplicaSets and Pods copy their labels from a
 * template graded already, and the objects Kubernetes adds to every namespace are not anyone's manifest.
 */
function authoredObjects(namespace: NamespaceInventory): KubeObject[] {
  const objects = [...namespace.byKind.values()].flat().filter((object) => !hasController(object) && !isClusterProvided(object));
  return namespace.namespaceObject ? [namespace.namespaceObject, ...objects] : objects;
}

const SELECTING_KINDS: readonly KnownKind[] = [
  ...new Set<KnownKind>([...WORKLOAD_KINDS, ...LABEL_SELECTOR_KIND_LIST, 'Service', 'NetworkPolicy']),
];

export const labelValuesValid: Check = {
  id: 'label-values-valid',
  title: 'Labels and selectors are ones the API server accepts',
  principle: 'labels',
  // An object with an invalid label or selector cannot be applied at all, so the namespace cannot
  // go live as written. A cluster never holds such an object: there the check always passes.
  severity: 'blocking',
  // Labels on any object are graded; the kinds listed are the ones whose selectors and templates it reads.
  targets: ['Namespace', ...SELECTING_KINDS],
  reads: SELECTING_KINDS,
  rationale:
    'The API server rejects an object whose labels, pod template labels or selectors break the label syntax (values up to 63 characters of letters, digits, - _ and ., keys with an optional DNS prefix): the apply fails and everything after it in the rollout waits.',
  remediation: {
    summary:
      'Shorten or rename the label: values up to 63 characters, starting and ending with a letter or digit; quote numbers and booleans; put long or free-form text in an annotation instead.',
    snippet: `metadata:
  labels:
    app.kubernetes.io/name: checkout
    app.kubernetes.io/version: "1.0"   # quoted: a label value is a string
  annotations:
    shipshape.dev/description: Free text, of any length, goes in annotations.`,
  },
  docs: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
  evaluate({ namespace }) {
    return authoredObjects(namespace).flatMap((object): ObjectFinding[] => {
      const problems = objectLabelProblems(object);
      if (problems === undefined) return [];
      if (problems.length === 0) return [passFinding(object, 'every label and selector is valid')];
      const listed = problems.slice(0, MAX_LISTED).join('; ');
      const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
      return [failFinding(object, `the API server would reject it: ${listed}${more}`)];
    });
  },
};
