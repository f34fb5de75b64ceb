import { describe, expect, it } from 'vitest';
import type { Container } from '../../k8s/objects';
import { dropsAll } from './capabilities-drop-all';
import { addedCapabilities } from './dangerous-capabilities';

const container = (add: string[], drop: string[] = []): Container => ({ name: 'api', securityContext: { capabilities: { add, drop } } });

describe('dangerous-capabilities', () => {
  it('names capabilities the way the runtime reads them', () => {
    expect(addedCapabilities(container(['CAP_SYS_ADMIN', 'net_raw']))).toEqual({ dangerous: ['SYS_ADMIN', 'NET_RAW'], unusual: [] });
    expect(addedCapabilities(container(['ALL'])).dangerous).toEqual(['ALL']);
  });

  it('tells baseline from restricted', () => {
    expect(addedCapabilities(container(['NET_BIND_SERVICE']))).toEqual({ dangerous: [], unusual: [] });
    expect(addedCapabilities(container(['CHOWN', 'cap_setuid']))).toEqual({ dangerous: [], unusual: ['CHOWN', 'SETUID'] });
  });
});

describe('capabilities-drop-all', () => {
  it('accepts only the exact value ALL, as Pod Security does', () => {
    expect(dropsAll(container([], ['ALL']))).toBe(true);
    expect(dropsAll(container([], ['all']))).toBe(false);
    expect(dropsAll(container([], ['NET_RAW', 'SYS_ADMIN']))).toBe(false);
    expect(dropsAll({ name: 'api', securityContext: {} })).toBe(false);
  });
});
