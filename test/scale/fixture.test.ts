import { describe, expect, it } from 'vitest';
import { evaluateCluster } from '@/lib/checks/evaluate';
import { admitObject, buildInventory } from '@/lib/inventory';
import type { KubeObject } from '@/lib/k8s/objects';
import { creationPhase, DEFAULT_SCALE_SEED, generateScaleFixture, namespaceName, SCALE_SIZES } from './fixture';
import { collectionPath } from './seed-scale';

const count = (objects: readonly { kind: string }[], kind: string) => objects.filter((object) => object.kind === kind).length;

describe('the scale fixture', () => {
  it('is the same for the same seed, and different for another', () => {
    expect(JSON.stringify(generateScaleFixture('S', 7))).toBe(JSON.stringify(generateScaleFixture('S', 7)));
    expect(JSON.stringify(generateScaleFixture('S', 8).objects)).not.toBe(JSON.stringify(generateScaleFixture('S', 7).objects));
  });

  it('makes a smaller size the first namespaces of a larger one', () => {
    const small = generateScaleFixture('S');
    const medium = generateScaleFixture('M');
    const ofSmall = new Set(small.objects.map((object) => object.metadata.namespace ?? object.metadata.name));
    const sameNamespaces = medium.objects.filter((object) => ofSmall.has(object.metadata.namespace ?? object.metadata.name));
    expect(sameNamespaces.map((object) => JSON.stringify(object)).sort()).toEqual(
      small.objects.map((object) => JSON.stringify(object)).sort(),
    );
  });

  it('has the sizes and proportions the issue asks for at L', () => {
    const large = generateScaleFixture('L', DEFAULT_SCALE_SEED);
    expect(count(large.objects, 'Namespace')).toBe(1000);
    expect(large.replicas).toBeGreaterThanOrEqual(9_500);
    expect(large.replicas).toBeLessThanOrEqual(10_500);
    expect(count(large.objects, 'Deployment')).toBeGreaterThanOrEqual(2_900);
    expect(count(large.objects, 'Deployment')).toBeLessThanOrEqual(3_100);
    expect(count(large.objects, 'Service')).toBe(count(large.objects, 'Deployment'));
    // Quotas and LimitRanges in every other namespace; the rest in proportion, none missing.
    expect(count(large.objects, 'ResourceQuota')).toBe(500);
    expect(count(large.objects, 'LimitRange')).toBe(500);
    for (const kind of [
      'NetworkPolicy',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'Secret',
    ]) {
      expect(count(large.objects, kind), kind).toBeGreaterThan(200);
    }
    // Room for every Pod on the kwok nodes (250 each).
    expect(large.nodes.length * 250).toBeGreaterThan(large.replicas * 1.1);
    expect(SCALE_SIZES.S.namespaces * 10).toBeCloseTo(generateScaleFixture('S').replicas, -2);
  });

  it('creates what a Pod needs before the Pods', () => {
    const fixture = generateScaleFixture('S');
    expect(creationPhase('Namespace')).toBe(0);
    expect(creationPhase('ServiceAccount')).toBe(1);
    expect(creationPhase('ResourceQuota')).toBe(1);
    expect(creationPhase('Deployment')).toBe(2);
    for (const object of fixture.objects) expect(() => collectionPath(object)).not.toThrow();
    expect(collectionPath({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: namespaceName(0) } })).toBe(
      '/apis/apps/v1/namespaces/orders-0000/deployments',
    );
  });

  it('grades into a spread of grades, not all alike', () => {
    const fixture = generateScaleFixture('S');
    const objects = fixture.objects.map((object) => admitObject(object as unknown as KubeObject));
    const report = evaluateCluster(buildInventory(objects), { now: new Date('2026-06-01T00:00:00Z') });
    expect(report.namespaces).toHaveLength(100);
    const grades = new Set(report.namespaces.map((namespace) => namespace.score.grade));
    expect(grades.size).toBeGreaterThanOrEqual(3);
    const verdicts = new Set(report.namespaces.map((namespace) => namespace.verdict));
    expect(verdicts.size).toBeGreaterThanOrEqual(2);
  });
});
