import { selectorDefaultedFromTemplate } from '../../../k8s/api-versions';
import type { LabelSelector } from '../../../k8s/objects';
import { describeSelector, isEmptySelector, selectorMatches } from '../../../k8s/selectors';
import { failFinding, passFinding } from '../../findings';
import { podSourcesOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

/**
 * Kinds whose selector a person writes. A Job's selector is generated from its own uid (unless
 * manualSelector is set) and added only by the API server, so Jobs are not graded.
 */
const SELECTING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export const selectorMatchesTemplate: Check = {
  id: 'selector-matches-template',
  title: 'Workload selectors match their own pods, and only those',
  principle: 'labels',
  severity: 'major',
  targets: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  reads: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'],
  rationale:
    'A selector that misses its own template is rejected by the API server; one that also matches another workload’s pods makes autoscalers, rollouts and disruption budgets count pods that are not theirs.',
  remediation: {
    summary:
      'Select on labels that only this workload’s pod template carries, such as app.kubernetes.io/name plus app.kubernetes.io/component or instance, and put every selector label on the template.',
    snippet: `spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: web
      app.kubernetes.io/instance: web-canary
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
        app.kubernetes.io/instance: web-canary`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
  evaluate({ namespace }) {
    const sources = podSourcesOf(namespace);
    const findings: ObjectFinding[] = [];
    for (const source of sources) {
      if (!SELECTING_KINDS.has(source.kind)) continue;
      const written = (source.object.spec as { selector?: LabelSelector | null } | undefined)?.selector;
      let selector = written;
      let defaultedNote = '';
      if (isEmptySelector(written)) {
        const { apiVersion } = source.object;
        // extensions/v1beta1 and apps/v1beta1 filled a missing selector in from the template labels:
        // grade the selector the API server would have stored, and say where it came from.
        const defaulted = selectorDefaultedFromTemplate(apiVersion, source.kind);
        if (defaulted && !isEmptySelector({ matchLabels: source.labels ?? {} })) {
          selector = { matchLabels: { ...source.labels } };
          defaultedNote = ` (no selector written: ${apiVersion} defaults it to the template labels; apps/v1 needs it written out)`;
        } else {
          findings.push(
            failFinding(
              source.object,
              defaulted
                ? `has no selector, and no template labels for ${apiVersion} to default one from`
                : `has no selector (${apiVersion === 'apps/v1beta2' ? apiVersion : 'apps/v1'} requires one that matches the pod template labels)`,
            ),
          );
          continue;
        }
      }
      const described = `${describeSelector(selector as LabelSelector)}${defaultedNote}`;
      if (!selectorMatches(selector, source.labels)) {
        findings.push(
          failFinding(source.object, `selector ${described} does not match its own pod template labels, so the API server rejects it`),
        );
        continue;
      }
      const others = sources.filter((other) => other !== source && selectorMatches(selector, other.labels));
      if (others.length > 0) {
        const names = others.map((other) => `${other.kind} ${other.name}`).join(', ');
        findings.push(failFinding(source.object, `selector ${described} also selects the pods of ${names}`));
        continue;
      }
      findings.push(passFinding(source.object, `selector ${described} selects its own pods only`));
    }
    return findings;
  },
};
