import { objectsOf, type Workload } from '../../../inventory';
import { asKind, type ObjectOf } from '../../../k8s/objects';
import { mapSelectorMatches } from '../../../k8s/selectors';
import { failFinding, passFinding } from '../../findings';
import { podLabelsOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

/**
 * How a StatefulSet's governing Service (spec.serviceName) gives its pods stable DNS names
 * (`<pod>.<service>`): it must exist in the namespace, be headless and select the pods.
 */
export function governingServiceFinding(statefulSet: Workload, services: readonly ObjectOf<'Service'>[]): ObjectFinding {
  const serviceName: unknown = asKind(statefulSet.object, 'StatefulSet')?.spec?.serviceName;
  if (typeof serviceName !== 'string' || serviceName === '') {
    return failFinding(statefulSet.object, 'names no governing Service (spec.serviceName), so its pods get no stable DNS names', 'warn');
  }
  const service = services.find((candidate) => candidate.metadata.name === serviceName);
  if (!service) {
    return failFinding(statefulSet.object, `spec.serviceName ${serviceName} names no Service in namespace ${statefulSet.namespace}`);
  }
  const spec = service.spec ?? {};
  if (spec.type === 'ExternalName') {
    return failFinding(statefulSet.object, `governing Service ${serviceName} is of type ExternalName, not headless (clusterIP: None)`);
  }
  if (spec.clusterIP !== 'None') {
    // Worded without the address, which the API server assigns: a manifest and the live object read alike.
    return failFinding(
      statefulSet.object,
      `governing Service ${serviceName} has a cluster IP, not clusterIP: None, so the pods get no per-pod DNS names`,
    );
  }
  if (!spec.selector || Object.keys(spec.selector).length === 0) {
    return failFinding(statefulSet.object, `governing Service ${serviceName} has no selector, so no endpoints and no per-pod DNS names`);
  }
  if (!mapSelectorMatches(spec.selector, podLabelsOf(statefulSet))) {
    const wanted = Object.entries(spec.selector)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    return failFinding(statefulSet.object, `governing Service ${serviceName} selects ${wanted}, which the pod template does not carry`);
  }
  return passFinding(statefulSet.object, `governed by headless Service ${serviceName}, which selects its pods`);
}

export const statefulsetHeadlessService: Check = {
  id: 'statefulset-headless-service',
  title: 'StatefulSets name a headless Service that selects their pods',
  principle: 'availability',
  severity: 'major',
  targets: ['StatefulSet'],
  reads: ['StatefulSet', 'Service'],
  rationale:
    'A StatefulSet’s pods get their stable network names (db-0.db) from the headless Service its serviceName names; if that Service is missing, has a cluster IP or selects other pods, peers cannot find each other and clustered databases fail to form.',
  remediation: {
    summary:
      'Create the Service spec.serviceName names, in the same namespace, with clusterIP: None and a selector matching the pod template labels.',
    snippet: `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app.kubernetes.io/name: db
  ports:
    - name: postgres
      port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
  evaluate({ namespace }) {
    const services = objectsOf(namespace, 'Service');
    return namespace.workloads
      .filter((workload) => workload.kind === 'StatefulSet')
      .map((statefulSet) => governingServiceFinding(statefulSet, services));
  },
};
