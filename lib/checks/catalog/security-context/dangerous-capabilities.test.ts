import { describe, expect, it } from 'vitest';
import type { Container } from '../../../k8s/objects';
import { findingsFor, workloadFixture } from '../../check-testing';
import { capabilitiesOf, normaliseCapability } from '../../helpers/workloads';
import { capabilitiesDropAll, dropsAll } from './capabilities-drop-all';
import { addedCapabilities } from './dangerous-capabilities';

const container = (add: string[], drop: string[] = []): Container => ({ name: 'api', securityContext: { capabilities: { add, drop } } });

describe('dangerous-capabilities', () => {
  it('names capabilities the way the runtime reads them', () => {
    expect(addedCapabilities(container(['CAP_SYS_ADMIN', 'net_raw']))).toEqual({ dangerous: ['SYS_ADMIN', 'NET_RAW'], unusual: [] });
    expect(addedCapabilities(container(['ALL'])).dangerous).toEqual(['ALL']);
    expect(addedCapabilities(container(['all', 'Sys_Ptrace'])).dangerous).toEqual(['ALL', 'SYS_PTRACE']);
  });

  it('tells baseline from restricted', () => {
    expect(addedCapabilities(container(['NET_BIND_SERVICE']))).toEqual({ dangerous: [], unusual: [] });
    expect(addedCapabilities(container(['CHOWN', 'cap_setuid']))).toEqual({ dangerous: [], unusual: ['CHOWN', 'SETUID'] });
  });
});

describe('capabilities-drop-all', () => {
  it('reads ALL as the runtime does: any case, but not with a CAP_ prefix', () => {
    expect(dropsAll(container([], ['ALL']))).toBe(true);
    expect(dropsAll(container([], ['all']))).toBe(true);
    expect(dropsAll(container([], [' All ']))).toBe(true);
    // containerd and CRI-O compare with ALL before prefixing names: CAP_ALL is an unknown capability to them.
    expect(dropsAll(container([], ['cap_all']))).toBe(false);
    expect(dropsAll(container([], ['CAP_ALL']))).toBe(false);
    expect(dropsAll(container([], ['NET_RAW', 'SYS_ADMIN']))).toBe(false);
    expect(dropsAll({ name: 'api', securityContext: {} })).toBe(false);
  });

  it('passes a lower-case all and says Pod Security wants the exact spelling', () => {
    const workload = workloadFixture({ containers: [{ ...container([], ['all']), image: 'a:1.0.0' }] });
    const [finding] = findingsFor(capabilitiesDropAll, [workload]);
    expect(finding?.status).toBe('pass');
    expect(finding?.message).toContain('api writes "all"');
    expect(finding?.message).toContain('admits only the exact "ALL"');
  });

  it('fails a root container that writes cap_all, which drops nothing', () => {
    const workload = workloadFixture({ containers: [{ ...container([], ['cap_all']), image: 'a:1.0.0' }] });
    expect(findingsFor(capabilitiesDropAll, [workload]).map((finding) => finding.status)).toEqual(['fail']);
  });
});

describe('normaliseCapability', () => {
  it('is the one spelling of a capability for every check', () => {
    expect(['sys_admin', 'CAP_SYS_ADMIN', 'cap_sys_admin', ' Sys_Admin'].map(normaliseCapability)).toEqual(Array(4).fill('SYS_ADMIN'));
    expect(normaliseCapability('all')).toBe('ALL');
    expect(normaliseCapability('cap_all')).toBe('CAP_ALL');
  });

  it('ignores entries that are not names', () => {
    const odd = { name: 'api', securityContext: { capabilities: { add: [42, '', 'net_admin', 'NET_ADMIN'], drop: null } } };
    expect(capabilitiesOf(odd as unknown as Container)).toEqual({ add: ['NET_ADMIN'], drop: [] });
  });
});
