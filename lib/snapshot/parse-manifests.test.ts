import { describe, expect, it, vi } from 'vitest';
import { manifestLocationOf, parseManifests } from './parse-manifests';

describe('parseManifests', () => {
  it('reads multi-document files and skips empty documents', () => {
    const parsed = parseManifests(
      `---
apiVersion: v1
kind: Namespace
metadata: { name: a }
---
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: a }
`,
      'two.yaml',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.objects.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(['Namespace/a', 'ServiceAccount/api']);
  });

  it('unwraps kind: List, as kubectl get -o yaml prints', () => {
    const parsed = parseManifests(
      `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web, namespace: shop, managedFields: [{ manager: kubectl }] }
    spec: { template: { spec: { containers: [{ name: web, image: nginx }] } } }
  - apiVersion: v1
    kind: Service
    metadata: { name: web, namespace: shop }
metadata:
  resourceVersion: ""
`,
      'list.yaml',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.objects.map((object) => object.kind)).toEqual(['Deployment', 'Service']);
  });

  it('counts unknown kinds instead of failing', () => {
    const parsed = parseManifests(
      `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: tls }
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: tls2 }
`,
      'crds.yaml',
    );
    expect(parsed.objects).toEqual([]);
    expect(parsed.ignoredKinds).toEqual({ Certificate: 2 });
  });

  it('names the file and line of malformed YAML, and keeps the good documents', () => {
    const parsed = parseManifests(
      `apiVersion: v1
kind: Namespace
metadata: { name: ok }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
  labels: [unclosed
`,
      'manifests/broken.yaml',
    );
    expect(parsed.objects.map((object) => object.metadata.name)).toEqual(['ok']);
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors[0]?.file).toBe('manifests/broken.yaml');
    expect(parsed.errors[0]?.line).toBeGreaterThanOrEqual(5);
    expect(parsed.errors[0]?.message).toMatch(/line \d+/);
  });

  it('rejects documents that are not Kubernetes objects, with their line', () => {
    const parsed = parseManifests('just: a map\n---\n- a\n- list\n', 'odd.yaml');
    expect(parsed.objects).toEqual([]);
    expect(parsed.errors.map((error) => error.message)).toEqual([
      'line 1: object has no apiVersion or kind',
      'line 3: a document must be a Kubernetes object (a mapping with apiVersion and kind)',
    ]);
  });

  it('reports YAML warnings by line and column, keeps the object, and prints nothing (review L2)', () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const parsed = parseManifests(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: tagged, namespace: a }\ndata:\n  key: !secret-tag SHIPSHAPE-CANARY-tag\n',
        'tag.yaml',
      );
      expect(parsed.objects.map((object) => object.metadata.name)).toEqual(['tagged']);
      expect(parsed.errors).toEqual([{ file: 'tag.yaml', line: 5, message: 'YAML warning at line 5, column 8: a tag is unknown' }]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('records the file, line and column where each object starts, beside the objects', () => {
    const text = `# a comment
apiVersion: v1
kind: Namespace
metadata: { name: a }
---

  apiVersion: v1
  kind: ConfigMap
  metadata: { name: b, namespace: a }
`;
    const parsed = parseManifests(text, 'dir/two.yaml');
    expect(parsed.objects.map((object) => manifestLocationOf(object))).toEqual([
      { file: 'dir/two.yaml', line: 2, column: 1 },
      { file: 'dir/two.yaml', line: 7, column: 3 },
    ]);
    // The objects themselves stay exactly what the file said.
    expect(Object.keys(parsed.objects[0] ?? {})).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(manifestLocationOf({})).toBeUndefined();
  });
});
