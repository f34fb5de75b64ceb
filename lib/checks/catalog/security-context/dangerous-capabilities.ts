import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import type { Container } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { podPatchFix } from '../../helpers/fixes';
import { capabilitiesOf, containersOf } from '../../helpers/workloads';
import type { Check, JsonObject, ObjectFinding } from '../../types';

/**
 * Capabilities the baseline Pod Security profile lets a container add: the runtime's usual
 * defaults, minus NET_RAW. Anything else (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE,
 * DAC_READ_SEARCH, NET_RAW, BPF…) or ALL reaches into the node or its neighbours.
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The only capability the restricted profile lets a container add back. */
const RESTRICTED_CAPABILITIES: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

/** The added capabilities of a container, split into those beyond baseline and those beyond restricted. */
export function addedCapabilities(container: Container): { dangerous: string[]; unusual: string[] } {
  const { add: added } = capabilitiesOf(container);
  return {
    dangerous: added.filter((capability) => !BASELINE_CAPABILITIES.has(capability)),
    unusual: added.filter((capability) => BASELINE_CAPABILITIES.has(capability) && !RESTRICTED_CAPABILITIES.has(capability)),
  };
}

export const dangerousCapabilities: Check = {
  id: 'dangerous-capabilities',
  title: 'Containers add no dangerous capabilities',
  principle: 'security-context',
  severity: 'blocking',
  targets: WORKLOAD_KINDS,
  reads: WORKLOAD_KINDS,
  rationale:
    'Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN or DAC_READ_SEARCH (and ALL) hand a container powers over the node’s kernel, network or other processes, close to running it privileged; NET_RAW allows spoofing on the pod network.',
  remediation: {
    summary:
      'Remove the added capability and find the narrower way (a sidecar, a node-level agent, a CNI feature); if the app only binds a port below 1024, NET_BIND_SERVICE is enough.',
    snippet: `containers:
  - name: api
    securityContext:
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]`,
  },
  docs: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads.map((workload): ObjectFinding => {
      const dangerous: string[] = [];
      const unusual: string[] = [];
      // The list is replaced, not edited: only NET_BIND_SERVICE, the one capability restricted allows, is kept.
      const trimmed = new Map<string, JsonObject>();
      for (const container of containersOf(workload, { includeInit: true })) {
        const added = addedCapabilities(container);
        if (added.dangerous.length > 0) dangerous.push(`container ${container.name} adds ${added.dangerous.join(', ')}`);
        if (added.unusual.length > 0) unusual.push(`container ${container.name} adds ${added.unusual.join(', ')}`);
        if (added.dangerous.length + added.unusual.length === 0) continue;
        const keep = capabilitiesOf(container).add.includes('NET_BIND_SERVICE') ? ['NET_BIND_SERVICE'] : [];
        trimmed.set(container.name, { securityContext: { capabilities: { add: keep } } });
      }
      const fix = podPatchFix(
        workload,
        { containers: trimmed },
        'Stops adding capabilities beyond NET_BIND_SERVICE; if the app truly needs one, waive this finding with the reason.',
      );
      if (dangerous.length > 0)
        return { ...failFinding(workload.object, `beyond the baseline Pod Security profile: ${dangerous.join('; ')}`), ...fix };
      if (unusual.length > 0)
        return {
          ...failFinding(workload.object, `allowed by baseline but not by the restricted profile: ${unusual.join('; ')}`, 'warn'),
          ...fix,
        };
      return passFinding(workload.object, 'no container adds a capability beyond NET_BIND_SERVICE');
    });
  },
};
