import { describe, expect, it } from 'vitest';
import { buildInventory, type Workload } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { workloadFixture } from '../check-testing';
import { fixCommand } from '../fixes/render';
import { containersPatchFix, labelsPatchFix, MAX_FIX_CHARS, podPatchFix } from './fixes';

function workloadOf(object: KubeObject): Workload {
  const workload = buildInventory([object]).namespaces.get('fixture')?.workloads[0];
  if (!workload) throw new Error('no workload');
  return workload;
}

const containers = { containers: [{ name: 'api', image: 'app' }], initContainers: [{ name: 'migrate', image: 'app' }] };
const privileged = { securityContext: { privileged: false } };

describe('podPatchFix', () => {
  it('patches a Deployment’s template in place, app and init containers by name, and names the field', () => {
    const { fix, field } = containersPatchFix(workloadOf(workloadFixture(containers)), ['migrate', 'api'], privileged, 'n');
    expect(fix).toMatchObject({ type: 'patch', inPlace: true, target: { kind: 'Deployment', name: 'api', namespace: 'fixture' } });
    expect(fix?.type === 'patch' && fix.patch).toEqual({
      spec: { template: { spec: { initContainers: [{ name: 'migrate', ...privileged }], containers: [{ name: 'api', ...privileged }] } } },
    });
    expect(field).toBe('spec.template.spec.initContainers[0].securityContext.privileged');
  });

  it('finds a CronJob’s pod spec under its job template', () => {
    const cronJob: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'fixture' },
      spec: { schedule: '0 1 * * *', jobTemplate: { spec: { template: { spec: containers } } } },
    };
    const { fix, field } = containersPatchFix(workloadOf(cronJob), ['api'], privileged, 'n');
    expect(fix?.type === 'patch' && fix.patch).toEqual({
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'api', ...privileged }] } } } } },
    });
    expect(field).toBe('spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged');
    expect(fix && fixCommand(fix)).toMatch(/^kubectl -n 'fixture' patch 'cronjob\/nightly'/);
  });

  it('says a Pod’s or a Job’s pod spec cannot change in place, and gives no command for it', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'fixture' }, spec: containers };
    const forPod = podPatchFix(workloadOf(pod), { pod: { hostNetwork: false } }, 'Turns off the host network.');
    expect(forPod.fix).toMatchObject({ inPlace: false, patch: { spec: { hostNetwork: false } } });
    expect(forPod.fix?.note).toMatch(/^Turns off the host network\. A running Pod’s spec cannot be changed/);
    expect(forPod.fix && fixCommand(forPod.fix)).toBeUndefined();
    const job = podPatchFix(workloadOf(workloadFixture(containers, 'Job')), { pod: { hostNetwork: false } }, 'n');
    expect(job.fix).toMatchObject({ inPlace: false });
    expect(job.fix?.note).toContain('A Job’s pod template cannot be changed once created');
  });

  it('patches a Pod’s labels in place: labels, unlike its spec, change on a live Pod', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'fixture' }, spec: containers };
    const { fix, field } = labelsPatchFix(workloadOf(pod), { 'app.kubernetes.io/name': 'web' }, 'n');
    expect(fix).toMatchObject({ inPlace: true, patch: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } } });
    expect(field).toBe('metadata.labels["app.kubernetes.io/name"]');
  });

  it('gives no fix rather than a huge one (only hostile input makes one that large), keeping the field', () => {
    const long = 'x'.repeat(MAX_FIX_CHARS);
    const result = containersPatchFix(workloadOf(workloadFixture(containers)), [long], privileged, 'n');
    expect(result.fix).toBeUndefined();
    expect(result.field).toBeDefined();
  });
});
