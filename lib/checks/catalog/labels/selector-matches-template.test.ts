import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { selectorMatchesTemplate } from './selector-matches-template';

function deployment(name: string, selector: string, labels: string) {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: fixture }
spec:
  selector: ${selector}
  template:
    metadata: { labels: ${labels} }
    spec:
      containers: [{ name: ${name}, image: registry.example.com/${name}:1.0.0 }]
`;
}

describe('selector-matches-template', () => {
  it('fails a selector that misses its own template (a manifest the API server would reject)', () => {
    const findings = findingsFor(selectorMatchesTemplate, deployment('api', '{ matchLabels: { app: api } }', '{ app: api-server }'));
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toContain('does not match its own pod template labels');
  });

  it('fails a missing or empty selector', () => {
    expect(findingsFor(selectorMatchesTemplate, deployment('api', '{}', '{ app: api }'))[0]?.status).toBe('fail');
  });

  it('understands matchExpressions', () => {
    const yaml =
      deployment('api', '{ matchExpressions: [{ key: app, operator: In, values: [api] }] }', '{ app: api }') +
      deployment('worker', '{ matchLabels: { app: worker } }', '{ app: worker }');
    expect(findingsFor(selectorMatchesTemplate, yaml).map((finding) => finding.status)).toEqual(['pass', 'pass']);
  });

  it('sees overlap with a bare Pod or a Job, but grades neither (a Job’s selector is generated)', () => {
    const yaml = `${deployment('api', '{ matchLabels: { app: api } }', '{ app: api }')}---
apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: fixture }
spec:
  template:
    metadata: { labels: { app: api, job: migrate } }
    spec:
      restartPolicy: Never
      containers: [{ name: migrate, image: registry.example.com/api:1.0.0 }]
`;
    const findings = findingsFor(selectorMatchesTemplate, yaml);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('fail');
    expect(findings[0]?.message).toContain('Job migrate');
  });

  it('ignores ReplicaSets a Deployment made (live clusters only)', () => {
    const deploymentYaml = deployment('api', '{ matchLabels: { app: api } }', '{ app: api }');
    const live = `${deploymentYaml}---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5d8f7c9b4
  namespace: fixture
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, uid: 1, controller: true }]
spec:
  selector: { matchLabels: { app: api, pod-template-hash: 5d8f7c9b4 } }
  template:
    metadata: { labels: { app: api, pod-template-hash: 5d8f7c9b4 } }
    spec:
      containers: [{ name: api, image: registry.example.com/api:1.0.0 }]
`;
    expect(findingsFor(selectorMatchesTemplate, live)).toEqual(findingsFor(selectorMatchesTemplate, deploymentYaml));
  });

  it('grades an old API version’s missing selector as the template labels it defaulted to, and says so', () => {
    const old = (apiVersion: string, name: string, labels: string) => `---
apiVersion: ${apiVersion}
kind: Deployment
metadata: { name: ${name}, namespace: fixture }
spec:
  template:
    metadata: { labels: ${labels} }
    spec:
      containers: [{ name: ${name}, image: registry.example.com/${name}:1.0.0 }]
`;
    const [alone] = findingsFor(selectorMatchesTemplate, old('extensions/v1beta1', 'api', '{ app: api }'));
    expect(alone).toMatchObject({
      status: 'pass',
      message:
        'selector app=api (no selector written: extensions/v1beta1 defaults it to the template labels; apps/v1 needs it written out) selects its own pods only',
    });
    // The defaulted selector is graded like a written one: it also selects a broader workload's pods here.
    const overlapping = findingsFor(
      selectorMatchesTemplate,
      old('apps/v1beta1', 'api', '{ app: shop }') + deployment('worker', '{ matchLabels: { app: shop } }', '{ app: shop, role: worker }'),
    );
    expect(overlapping.map((finding) => finding.status)).toEqual(['fail', 'fail']);
    expect(overlapping[0]?.message).toContain('apps/v1beta1 defaults it to the template labels');
    // apps/v1beta2 already required a selector; an old version with no labels has nothing to default from.
    expect(findingsFor(selectorMatchesTemplate, old('apps/v1beta2', 'api', '{ app: api }'))[0]?.message).toBe(
      'has no selector (apps/v1beta2 requires one that matches the pod template labels)',
    );
    expect(findingsFor(selectorMatchesTemplate, old('extensions/v1beta1', 'api', '{}'))[0]).toMatchObject({
      status: 'fail',
      message: 'has no selector, and no template labels for extensions/v1beta1 to default one from',
    });
  });
});
