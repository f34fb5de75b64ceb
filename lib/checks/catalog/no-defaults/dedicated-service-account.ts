import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { failFinding, passFinding } from '../../findings';
import type { Check } from '../../types';

export const dedicatedServiceAccount: Check = {
  id: 'dedicated-service-account',
  title: 'Workloads use a dedicated ServiceAccount',
  principle: 'no-defaults',
  severity: 'major',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Every pod that names no ServiceAccount runs as the namespace’s default one, so a permission granted to one workload is silently granted to all of them.',
  remediation: {
    summary: 'Create a ServiceAccount for each workload and name it in the pod spec; grant it only the permissions that workload needs.',
    snippet: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
automountServiceAccountToken: false
---
# in the Deployment's pod template
spec:
  serviceAccountName: api`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/service-accounts/',
  evaluate({ namespace }) {
    return namespace.workloads.map((workload) => {
      const spec = workload.template.spec;
      const name = spec.serviceAccountName || spec.serviceAccount;
      if (!name) return failFinding(workload.object, 'names no serviceAccountName, so it runs as the default ServiceAccount');
      if (name === 'default') return failFinding(workload.object, 'runs as the default ServiceAccount');
      return passFinding(workload.object, `runs as ServiceAccount ${name}`);
    });
  },
};
