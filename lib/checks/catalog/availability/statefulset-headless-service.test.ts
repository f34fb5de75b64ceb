import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { statefulsetHeadlessService } from './statefulset-headless-service';

/** The check's fixture workload `api` (pods labelled app: api) as a StatefulSet governed by `serviceName`. */
function statefulSet(serviceName?: string): KubeObject {
  const object = workloadFixture({ containers: [{ name: 'api', image: 'gcr.io/distroless/static:nonroot' }] }, 'StatefulSet');
  if (serviceName !== undefined) (object.spec as Record<string, unknown>).serviceName = serviceName;
  return object;
}

function service(name: string, spec: Record<string, unknown>, namespace = 'fixture'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

const grade = (...objects: KubeObject[]) =>
  findingsFor(statefulsetHeadlessService, objects).map(({ status, message }) => ({ status, message }));

describe('statefulset-headless-service', () => {
  it('passes a headless Service of that name that selects the pods', () => {
    expect(grade(statefulSet('api'), service('api', { clusterIP: 'None', selector: { app: 'api' } }))).toEqual([
      { status: 'pass', message: 'governed by headless Service api, which selects its pods' },
    ]);
  });

  it('matches the Service by name, not by selector: a headless Service of another name does not count', () => {
    expect(grade(statefulSet('api'), service('api-peers', { clusterIP: 'None', selector: { app: 'api' } }))).toEqual([
      { status: 'fail', message: 'spec.serviceName api names no Service in namespace fixture' },
    ]);
  });

  it('looks for the Service in the StatefulSet’s own namespace only', () => {
    expect(grade(statefulSet('api'), service('api', { clusterIP: 'None', selector: { app: 'api' } }, 'other'))).toEqual([
      { status: 'fail', message: 'spec.serviceName api names no Service in namespace fixture' },
    ]);
  });

  it('fails a Service with a cluster IP, in the same words whether the manifest or the API server chose it', () => {
    const written = grade(statefulSet('api'), service('api', { selector: { app: 'api' } }));
    const assigned = grade(statefulSet('api'), service('api', { clusterIP: '10.96.0.20', selector: { app: 'api' } }));
    expect(assigned).toEqual(written);
    expect(written[0]?.message).toBe('governing Service api has a cluster IP, not clusterIP: None, so the pods get no per-pod DNS names');
  });

  it('fails an ExternalName Service', () => {
    expect(grade(statefulSet('api'), service('api', { type: 'ExternalName', externalName: 'db.example.com' }))[0]?.message).toBe(
      'governing Service api is of type ExternalName, not headless (clusterIP: None)',
    );
  });

  it('fails a headless Service that selects other pods, or none', () => {
    expect(grade(statefulSet('api'), service('api', { clusterIP: 'None', selector: { app: 'api', tier: 'db' } }))[0]?.message).toBe(
      'governing Service api selects app=api, tier=db, which the pod template does not carry',
    );
    expect(grade(statefulSet('api'), service('api', { clusterIP: 'None' }))[0]?.message).toBe(
      'governing Service api has no selector, so no endpoints and no per-pod DNS names',
    );
  });

  it('warns, not fails, when serviceName is unset (the API server no longer requires it)', () => {
    expect(grade(statefulSet(), service('api', { clusterIP: 'None', selector: { app: 'api' } }))).toEqual([
      { status: 'warn', message: 'names no governing Service (spec.serviceName), so its pods get no stable DNS names' },
    ]);
  });

  it('grades StatefulSets only', () => {
    expect(grade(workloadFixture({ containers: [{ name: 'api' }] }), service('api', { selector: { app: 'api' } }))).toEqual([]);
  });
});
