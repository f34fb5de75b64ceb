import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { serviceAccountNameOf } from '../../helpers/workloads';
import type { Check } from '../../types';

const API_NOTE = 'fine only if the app calls the Kubernetes API';

export const serviceAccountTokenAutomount: Check = {
  id: 'service-account-token-automount',
  title: 'ServiceAccount tokens are mounted only where needed',
  principle: 'no-defaults',
  severity: 'minor',
  targets: WORKLOAD_KINDS,
  reads: [...WORKLOAD_KINDS, 'ServiceAccount'],
  rationale:
    'By default every pod gets a ServiceAccount token mounted, which anyone who compromises the container can use against the Kubernetes API; most applications never call the API.',
  remediation: {
    summary:
      'Set automountServiceAccountToken: false on the ServiceAccount (or the pod spec) of every workload that does not call the Kubernetes API.',
    snippet: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
automountServiceAccountToken: false
---
# or, per workload, in the pod template
spec:
  automountServiceAccountToken: false`,
  },
  docs: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  fixes: true,
  evaluate({ namespace }) {
    const serviceAccounts = new Map(objectsOf(namespace, 'ServiceAccount').map((account) => [account.metadata.name, account]));
    return namespace.workloads.map((workload) => {
      const fix = podPatchFix(
        workload,
        { pod: { automountServiceAccountToken: false } },
        'Stops mounting the API token into the pods; if the app calls the Kubernetes API, keep it and give the ServiceAccount only the rights it needs.',
      );
      const podSetting = workload.template.spec.automountServiceAccountToken;
      const accountName = serviceAccountNameOf(workload);
      if (podSetting === false) return passFinding(workload.object, 'the pod spec sets automountServiceAccountToken: false');
      if (podSetting === true)
        return {
          ...fix,
          ...failFinding(
            workload.object,
            `the pod spec sets automountServiceAccountToken: true, so the ServiceAccount ${accountName} token is mounted (${API_NOTE})`,
            'warn',
          ),
        };
      const account = serviceAccounts.get(accountName);
      if (account?.automountServiceAccountToken === false)
        return passFinding(workload.object, `ServiceAccount ${accountName} sets automountServiceAccountToken: false`);
      return {
        ...fix,
        ...failFinding(
          workload.object,
          `the token of ServiceAccount ${accountName} is mounted because neither the pod spec nor the ServiceAccount sets automountServiceAccountToken: false (${API_NOTE})`,
          'warn',
        ),
      };
    });
  },
};
