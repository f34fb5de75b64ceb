import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, namespaceSubject, passFinding } from '../../findings';
import { objectPatchFix } from '../../helpers/fixes';
import type { Check } from '../../types';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const LEVELS = new Set(['privileged', 'baseline', 'restricted']);

export const namespacePodSecurity: Check = {
  id: 'namespace-pod-security',
  title: 'Namespace enforces a Pod Security Standard',
  principle: 'namespaces',
  severity: 'major',
  targets: ['Namespace'],
  reads: ['Namespace', ...WORKLOAD_KINDS],
  rationale:
    'Pod Security Admission rejects privileged, host-namespace and root-escalating pods only in namespaces labelled to enforce a level; without the label any pod spec is admitted, however careless.',
  remediation: {
    summary:
      'Label the namespace to enforce the restricted level (or baseline while workloads are being fixed); add warn and audit labels to preview a stricter level.',
    snippet: `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: restricted`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  fixes: true,
  evaluate({ namespace }) {
    // Admission guards pods: a namespace without workloads has nothing for it to guard yet.
    if (namespace.workloads.length === 0) return [];
    const subject = namespaceSubject(namespace);
    // Without a Namespace manifest, `kubectl create namespace` makes one without labels: the same answer.
    const level = namespace.namespaceObject?.metadata.labels?.[ENFORCE_LABEL];
    const fix = objectPatchFix(
      subject,
      namespace.name,
      { metadata: { labels: { [ENFORCE_LABEL]: 'baseline' } } },
      'Enforces the baseline standard; move to restricted once every workload sets a restricted security context (try it first with the warn label).',
    );
    if (level === undefined || level === '')
      return [{ ...failFinding(subject, `no ${ENFORCE_LABEL} label: Pod Security Admission admits any pod here`), ...fix }];
    if (!LEVELS.has(level))
      return [
        {
          ...failFinding(subject, `${ENFORCE_LABEL} is "${level}", which is not a Pod Security level (privileged, baseline, restricted)`),
          ...fix,
        },
      ];
    if (level === 'privileged')
      return [{ ...failFinding(subject, `${ENFORCE_LABEL}: privileged enforces nothing; use baseline or restricted`, 'warn'), ...fix }];
    return [passFinding(subject, `enforces the ${level} Pod Security Standard`)];
  },
};
