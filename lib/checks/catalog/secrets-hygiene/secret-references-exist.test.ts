import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { secretReferencesExist } from './secret-references-exist';

function pod(spec: string) {
  return `
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: fixture }
spec:
${spec}
`;
}

const SECRET = `---
apiVersion: v1
kind: Secret
metadata: { name: db, namespace: fixture }
stringData: { username: api, password: fixture-not-a-real-password }
`;

const statusOf = (yaml: string) => findingsFor(secretReferencesExist, yaml).map((finding) => finding.status);

describe('secret-references-exist', () => {
  it('does not flag one Secret used by both a volume and an env variable', () => {
    const yaml = pod(`  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      env: [{ name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: db, key: password } } }]
      envFrom: [{ secretRef: { name: db } }]
      volumeMounts: [{ name: db, mountPath: /etc/db }]
  volumes: [{ name: db, secret: { secretName: db } }]`);
    expect(statusOf(yaml + SECRET)).toEqual(['pass']);
  });

  it('accepts optional references to Secrets or keys that do not exist', () => {
    const yaml = pod(`  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      env: [{ name: X, valueFrom: { secretKeyRef: { name: db, key: other, optional: true } } }]
  volumes: [{ name: extra, secret: { secretName: extra, optional: true } }]`);
    expect(statusOf(yaml + SECRET)).toEqual(['pass']);
  });

  it('checks the keys a volume or projected volume picks, and says which', () => {
    const yaml = pod(`  containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
  volumes:
    - name: creds
      projected:
        sources:
          - secret: { name: db, items: [{ key: password, path: pw }, { key: token, path: token }] }`);
    const findings = findingsFor(secretReferencesExist, yaml + SECRET);
    expect(findings.map((finding) => finding.status)).toEqual(['fail']);
    expect(findings[0]?.message).toBe('projected volume creds needs key token, which Secret db does not have');
  });

  it('knows the keys the token controller writes into a service-account-token Secret', () => {
    const yaml = pod(`  containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
  volumes: [{ name: token, secret: { secretName: api-token, items: [{ key: token, path: token }] } }]`);
    const tokenSecret = `---
apiVersion: v1
kind: Secret
metadata:
  name: api-token
  namespace: fixture
  annotations: { kubernetes.io/service-account.name: api }
type: kubernetes.io/service-account-token
`;
    expect(statusOf(yaml + tokenSecret)).toEqual(['pass']);
  });

  const referencesMissing = pod(`  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      envFrom: [{ secretRef: { name: generated } }]`);

  it('warns, offline, of a Secret the manifests do not hold', () => {
    const findings = findingsFor(secretReferencesExist, referencesMissing);
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      [
        'warn',
        'Secret generated (referenced by envFrom of container api) is not in these manifests; it must exist in the namespace before the pods start',
      ],
    ]);
  });

  it('fails, in a cluster, a Secret that does not exist', () => {
    const findings = findingsFor(secretReferencesExist, referencesMissing, 'fixture', {}, 'live');
    expect(findings.map((finding) => [finding.status, finding.message])).toEqual([
      ['fail', 'Secret generated (referenced by envFrom of container api) does not exist in the namespace'],
    ]);
  });

  it('fails, offline too, a Secret the manifests put in another namespace, and a missing key of one they hold', () => {
    const elsewhere = `---
apiVersion: v1
kind: Secret
metadata: { name: generated, namespace: other }
stringData: { token: fixture }
`;
    const [finding] = findingsFor(secretReferencesExist, referencesMissing + elsewhere);
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain(
      'Secret generated (referenced by envFrom of container api) does not exist in the namespace (namespace other',
    );
    const wrongKey = pod(`  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      env: [{ name: X, valueFrom: { secretKeyRef: { name: db, key: nope } } }]
      envFrom: [{ secretRef: { name: generated } }]`);
    expect(statusOf(wrongKey + SECRET)).toEqual(['fail']);
  });

  it('is not applicable without Secret references (the projected ServiceAccount token is not one)', () => {
    const yaml = pod(`  containers: [{ name: api, image: registry.example.com/api:1.4.2 }]
  volumes:
    - name: kube-api-access-x7k2p
      projected:
        sources:
          - serviceAccountToken: { path: token, expirationSeconds: 3607 }
          - configMap: { name: kube-root-ca.crt, items: [{ key: ca.crt, path: ca.crt }] }`);
    expect(findingsFor(secretReferencesExist, yaml)).toEqual([]);
  });
});
