import { describe, expect, it } from 'vitest';
import type { Container, PodSpec } from '../../../k8s/objects';
import { rootReason } from './root';

const pod = (securityContext?: PodSpec['securityContext']): PodSpec => ({ containers: [], securityContext });
const container = (securityContext?: Container['securityContext']): Container => ({ name: 'api', securityContext });

describe('run-as-non-root', () => {
  it('inherits the pod securityContext', () => {
    expect(rootReason(container(), pod({ runAsNonRoot: true }))).toBeUndefined();
    expect(rootReason(container(), pod({ runAsUser: 1000 }))).toBeUndefined();
    expect(rootReason(container(), pod())).toBeDefined();
  });

  it('lets the container override the pod', () => {
    expect(rootReason(container({ runAsNonRoot: false }), pod({ runAsNonRoot: true }))).toBeDefined();
    expect(rootReason(container({ runAsUser: 0 }), pod({ runAsUser: 1000, runAsNonRoot: true }))).toBeDefined();
    expect(rootReason(container({ runAsNonRoot: true }), pod({ runAsNonRoot: false }))).toBeUndefined();
  });

  it('fails runAsUser: 0 even with runAsNonRoot: true', () => {
    expect(rootReason(container({ runAsUser: 0, runAsNonRoot: true }), pod())).toContain('runAsUser is 0');
    expect(rootReason(container({ runAsNonRoot: true }), pod({ runAsUser: 0 }))).toContain('runAsUser is 0');
  });
});
