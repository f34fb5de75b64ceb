import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { rollingUpdateStrategy } from './rolling-update-strategy';

function deployment(replicas: number, strategy = '', volumes = '') {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: fixture }
spec:
  replicas: ${replicas}
${strategy}  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
${volumes}      containers: [{ name: api, image: gcr.io/distroless/static:nonroot }]
`;
}

const findings = (yaml: string) => findingsFor(rollingUpdateStrategy, yaml);
const status = (yaml: string) => findings(yaml).map((finding) => finding.status);

describe('rolling-update-strategy', () => {
  it('reads a manifest without a strategy exactly like the defaulted live object', () => {
    const defaulted = '  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 25% } }\n';
    expect(findings(deployment(3))).toEqual(findings(deployment(3, defaulted)));
    expect(findings(deployment(3))[0]).toMatchObject({ status: 'pass', message: 'rolling update (maxUnavailable 25%, maxSurge 25%)' });
  });

  it('fails Recreate with replicas, warns on a lone pod, and accepts it for a lone pod holding a volume claim', () => {
    const recreate = '  strategy: { type: Recreate }\n';
    const claim = '      volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]\n';
    expect(status(deployment(2, recreate))).toEqual(['fail']);
    expect(status(deployment(1, recreate))).toEqual(['warn']);
    expect(status(deployment(1, recreate, claim))).toEqual(['pass']);
    expect(status(deployment(3, recreate, claim))).toEqual(['fail']);
  });

  it('fails a rolling update allowed to take every replica down at once', () => {
    expect(status(deployment(4, '  strategy: { rollingUpdate: { maxUnavailable: 100% } }\n'))).toEqual(['fail']);
    expect(status(deployment(1, '  strategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }\n'))).toEqual(['warn']);
    // 25% of 1 rounds down to 0: the new pod surges in before the old one goes.
    expect(status(deployment(1))).toEqual(['pass']);
    expect(status(deployment(4, '  strategy: { rollingUpdate: { maxUnavailable: 75% } }\n'))).toEqual(['pass']);
  });

  it('warns on OnDelete for StatefulSets and DaemonSets, and defaults them to RollingUpdate', () => {
    const set = (kind: string, strategy: string) => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: db, namespace: fixture }
spec:
${strategy}  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: gcr.io/distroless/static:nonroot }]
`;
    expect(status(set('StatefulSet', '  updateStrategy: { type: OnDelete }\n'))).toEqual(['warn']);
    expect(status(set('DaemonSet', '  updateStrategy: { type: OnDelete }\n'))).toEqual(['warn']);
    expect(findings(set('StatefulSet', ''))).toEqual(
      findings(set('StatefulSet', '  updateStrategy: { type: RollingUpdate, rollingUpdate: { partition: 0 } }\n')),
    );
    expect(findings(set('DaemonSet', ''))).toEqual(
      findings(set('DaemonSet', '  updateStrategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }\n')),
    );
  });

  it('applies the defaults of the object’s own API version: 1 and 1 in extensions/v1beta1, OnDelete for old DaemonSets and StatefulSets', () => {
    const old = deployment(1).replace('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1');
    // maxUnavailable 1 of a single replica takes it down; apps/v1's 25 % would round down to 0.
    expect(findings(old)[0]).toMatchObject({
      status: 'warn',
      message: 'rolling update with maxUnavailable 1 may take its only replica down at once, as Recreate would',
    });
    expect(findings(deployment(4).replace('apiVersion: apps/v1', 'apiVersion: extensions/v1beta1'))[0]).toMatchObject({
      status: 'pass',
      message: 'rolling update (maxUnavailable 1, maxSurge 1, extensions/v1beta1 defaults)',
    });
    expect(findings(deployment(3).replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta1'))[0]?.message).toBe(
      'rolling update (maxUnavailable 25%, maxSurge 25%)',
    );
    const set = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: { name: db, namespace: fixture }
spec:
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: gcr.io/distroless/static:nonroot }]
`;
    expect(findings(set('extensions/v1beta1', 'DaemonSet'))[0]).toMatchObject({
      status: 'warn',
      message:
        'updateStrategy OnDelete (the extensions/v1beta1 default, as no updateStrategy is set): a changed template reaches pods only when someone deletes them, so versions drift',
    });
    expect(findings(set('apps/v1beta1', 'StatefulSet'))[0]?.status).toBe('warn');
    expect(findings(set('apps/v1beta2', 'StatefulSet'))[0]?.status).toBe('pass');
    expect(findings(set('apps/v1beta2', 'DaemonSet'))[0]?.status).toBe('pass');
  });
});
