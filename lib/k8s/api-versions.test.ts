import { describe, expect, it } from 'vitest';
import {
  apiVersionStanding,
  compareKubernetesVersions,
  DEFAULT_KUBERNETES_VERSION,
  DEPRECATED_API_VERSIONS,
  defaultUpdateStrategyType,
  emptyBudgetSelectorSelectsNothing,
  formatKubernetesVersion,
  type KubernetesVersion,
  parseKubernetesVersion,
  rollingUpdateDefaults,
  selectorDefaultedFromTemplate,
} from './api-versions';

const v = (text: string) => parseKubernetesVersion(text) as KubernetesVersion;

describe('Kubernetes versions', () => {
  it('reads the forms people and API servers write', () => {
    expect(parseKubernetesVersion('1.37')).toEqual({ major: 1, minor: 37 });
    expect(parseKubernetesVersion('v1.37.2')).toEqual({ major: 1, minor: 37 });
    expect(parseKubernetesVersion('1.29+')).toEqual({ major: 1, minor: 29 });
    expect(parseKubernetesVersion('v1.30.4-eks-a737599')).toEqual({ major: 1, minor: 30 });
    expect(parseKubernetesVersion('v1.31.1+k3s1')).toEqual({ major: 1, minor: 31 });
    for (const bad of ['', '1', 'latest', '1.x', '1.37; rm -rf', `1.${'9'.repeat(9)}`])
      expect(parseKubernetesVersion(bad), bad).toBeUndefined();
    expect(formatKubernetesVersion(v('v1.37.2'))).toBe('1.37');
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.37');
  });

  it('compares minor releases numerically, not as text', () => {
    expect(compareKubernetesVersions(v('1.9'), v('1.16'))).toBeLessThan(0);
    expect(compareKubernetesVersions(v('1.25'), v('1.25.9'))).toBe(0);
    expect(compareKubernetesVersions(v('2.0'), v('1.99'))).toBeGreaterThan(0);
  });
});

describe('the deprecated API table', () => {
  it('has one entry per version and kind, each deprecated before it was removed', () => {
    const keys = DEPRECATED_API_VERSIONS.map((entry) => `${entry.apiVersion} ${entry.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of DEPRECATED_API_VERSIONS) {
      expect(compareKubernetesVersions(v(entry.deprecatedIn), v(entry.removedIn)), `${entry.apiVersion} ${entry.kind}`).toBeLessThan(0);
      expect(entry.replacement).not.toBe(entry.apiVersion);
    }
  });

  it('says removed at and after the release that stopped serving a version, deprecated between', () => {
    expect(apiVersionStanding('extensions/v1beta1', 'Deployment', v('1.37'))).toMatchObject({
      state: 'removed',
      entry: { removedIn: '1.16', replacement: 'apps/v1' },
    });
    expect(apiVersionStanding('extensions/v1beta1', 'Deployment', v('1.16')).state).toBe('removed');
    expect(apiVersionStanding('extensions/v1beta1', 'Deployment', v('1.15')).state).toBe('deprecated');
    expect(apiVersionStanding('batch/v1beta1', 'CronJob', v('1.24'))).toMatchObject({
      state: 'deprecated',
      entry: { deprecatedIn: '1.21' },
    });
    expect(apiVersionStanding('batch/v1beta1', 'CronJob', v('1.20'))).toMatchObject({ state: 'served', entry: { removedIn: '1.25' } });
    expect(apiVersionStanding('rbac.authorization.k8s.io/v1beta1', 'ClusterRole', v('1.22')).state).toBe('removed');
    expect(apiVersionStanding('autoscaling/v2beta2', 'HorizontalPodAutoscaler', v('1.25')).state).toBe('deprecated');
    expect(apiVersionStanding('autoscaling/v2beta2', 'HorizontalPodAutoscaler', v('1.26')).state).toBe('removed');
  });

  it('knows the current versions, and does not judge groups it does not know', () => {
    expect(apiVersionStanding('apps/v1', 'Deployment', v('1.37'))).toEqual({ state: 'served' });
    expect(apiVersionStanding('v1', 'ConfigMap', v('1.37'))).toEqual({ state: 'served' });
    expect(apiVersionStanding('autoscaling/v1', 'HorizontalPodAutoscaler', v('1.37'))).toEqual({ state: 'served' });
    expect(apiVersionStanding('example.com/v1', 'Deployment', v('1.37'))).toEqual({ state: 'unknown' });
    expect(apiVersionStanding('apps/v9', 'Deployment', v('1.37'))).toEqual({ state: 'unknown' });
    // The same version string of another kind is another entry: policy/v1beta1 Eviction is not PodDisruptionBudget.
    expect(apiVersionStanding('apps/v1beta1', 'DaemonSet', v('1.37'))).toEqual({ state: 'unknown' });
  });
});

describe('what old API versions defaulted', () => {
  it('follows the migration guide’s notable changes', () => {
    expect(rollingUpdateDefaults('extensions/v1beta1')).toEqual({ maxUnavailable: 1, maxSurge: 1 });
    expect(rollingUpdateDefaults('apps/v1beta1')).toEqual({ maxUnavailable: '25%', maxSurge: '25%' });
    expect(rollingUpdateDefaults('apps/v1')).toEqual({ maxUnavailable: '25%', maxSurge: '25%' });
    expect(defaultUpdateStrategyType('extensions/v1beta1', 'DaemonSet')).toBe('OnDelete');
    expect(defaultUpdateStrategyType('apps/v1beta2', 'DaemonSet')).toBe('RollingUpdate');
    expect(defaultUpdateStrategyType('apps/v1beta1', 'StatefulSet')).toBe('OnDelete');
    expect(defaultUpdateStrategyType('apps/v1', 'StatefulSet')).toBe('RollingUpdate');
    expect(selectorDefaultedFromTemplate('extensions/v1beta1', 'Deployment')).toBe(true);
    expect(selectorDefaultedFromTemplate('apps/v1beta1', 'StatefulSet')).toBe(true);
    expect(selectorDefaultedFromTemplate('apps/v1beta2', 'Deployment')).toBe(false);
    expect(selectorDefaultedFromTemplate('apps/v1', 'Deployment')).toBe(false);
    expect(emptyBudgetSelectorSelectsNothing('policy/v1beta1')).toBe(true);
    expect(emptyBudgetSelectorSelectsNothing('policy/v1')).toBe(false);
  });
});
