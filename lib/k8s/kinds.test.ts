import { describe, expect, it } from 'vitest';
import { CLUSTER_SCOPED_KINDS, CUSTOM_KINDS, isKnownKind, isWorkloadKind, KINDS, KNOWN_KINDS, kindInfo, WORKLOAD_KINDS } from './kinds';

describe('the kind table', () => {
  it('lists each kind once, with a plural the API serves it under', () => {
    expect(new Set(KNOWN_KINDS).size).toBe(KINDS.length);
    expect(new Set(KINDS.map((entry) => entry.plural)).size).toBe(KINDS.length);
    for (const entry of KINDS) {
      expect(entry.plural, entry.kind).toMatch(/^[a-z]+s$/);
      expect(entry.apiVersion, entry.kind).toMatch(/^(v1|[a-z0-9.]+\/v\d+((alpha|beta)\d+)?)$/);
    }
  });

  it('derives the workload kinds in the order the inventory walks them', () => {
    expect(WORKLOAD_KINDS).toEqual(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod']);
  });

  it('derives the cluster-scoped kinds', () => {
    expect([...CLUSTER_SCOPED_KINDS].sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Namespace']);
  });

  it('marks the kinds Shipshape’s own CustomResourceDefinitions serve', () => {
    expect([...CUSTOM_KINDS]).toEqual(['ReadinessReview']);
    expect(kindInfo('ReadinessReview')).toMatchObject({
      apiVersion: 'reviews.shipshape.dev/v1alpha1',
      plural: 'readinessreviews',
      namespaced: true,
    });
  });

  it('knows the kinds in the table and no others', () => {
    expect(isKnownKind('HorizontalPodAutoscaler')).toBe(true);
    expect(isKnownKind('Deployments')).toBe(false);
    expect(isKnownKind('CustomResourceDefinition')).toBe(false);
    expect(isWorkloadKind('CronJob')).toBe(true);
    expect(isWorkloadKind('ReplicaSet')).toBe(false);
    expect(isWorkloadKind('Widget')).toBe(false);
    expect(kindInfo('Ingress')).toEqual({
      kind: 'Ingress',
      apiVersion: 'networking.k8s.io/v1',
      plural: 'ingresses',
      namespaced: true,
      workload: false,
    });
  });
});
