import { describe, expect, it } from 'vitest';
import { admissionProblem, describeObject, formatFieldPath, isPlausibleKind } from './admission-schema';
import type { KubeObject } from './objects';

const role = (fields: Record<string, unknown>): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'r', namespace: 'a' },
  ...fields,
});

describe('admissionProblem', () => {
  it('admits nulls where the API server prints them, and fields it does not know', () => {
    expect(admissionProblem(role({ rules: null, aggregationRule: { anything: [1, 'x'] } }))).toBeUndefined();
    expect(
      admissionProblem({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'a', creationTimestamp: null } as unknown as KubeObject['metadata'],
        spec: { template: { spec: { containers: [{ name: 'c', image: 'x', futureField: { deep: true } }] } } },
      }),
    ).toBeUndefined();
  });

  it('names the path and the expected type, lists at most 3 problems, and counts the rest', () => {
    const rules = Array.from({ length: 5 }, () => ({ resources: 5 }));
    expect(admissionProblem(role({ rules }))).toBe(
      'field rules[0].resources must be a list; field rules[1].resources must be a list; field rules[2].resources must be a list; and 2 more',
    );
    expect(admissionProblem(role({ rules: [{ verbs: ['get', 7] }] }))).toBe('field rules[0].verbs[1] must be text');
  });

  it('refuses label values that are not text (an unquoted number or boolean), naming each label', () => {
    // What YAML makes of `app.kubernetes.io/version: 1.0` and `canary: true`: the API server refuses both.
    const labelled = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'a', labels: { 'app.kubernetes.io/version': 1 } },
      spec: { selector: { matchLabels: { canary: true } }, template: { metadata: { labels: { canary: true } } } },
    } as unknown as KubeObject;
    expect(admissionProblem(labelled)).toBe(
      'field metadata.labels.app.kubernetes.io/version must be text; field spec.selector.matchLabels.canary must be text; ' +
        'field spec.template.metadata.labels.canary must be text',
    );
    expect(admissionProblem(role({ metadata: { name: 'r', namespace: 'a', labels: { tier: 'web', version: '1.0' } } }))).toBeUndefined();
  });

  it('refuses implausible kinds and namespaces that are no DNS-1123 labels', () => {
    expect(admissionProblem({ ...role({}), kind: 'constructor' })).toBe('kind is not a Kubernetes kind name');
    expect(admissionProblem(role({ metadata: { name: 'r', namespace: 'Bad_NS' } }))).toContain('DNS-1123');
    expect(['Deployment', 'HorizontalPodAutoscaler', 'V1'].every(isPlausibleKind)).toBe(true);
    expect(['__proto__', 'toString', 'list', '', `A${'b'.repeat(63)}`].some(isPlausibleKind)).toBe(false);
  });

  it('describes objects and paths without quoting odd input', () => {
    expect(describeObject({ kind: 'Role', metadata: { name: 'r', namespace: 'a' } })).toBe('Role a/r');
    expect(describeObject({ kind: '__proto__', metadata: { name: 'r', namespace: 'Bad NS' } })).toBe('object r');
    expect(formatFieldPath(['metadata', 'annotations', 'a key with spaces', 0])).toBe('metadata.annotations.…[0]');
  });
});
