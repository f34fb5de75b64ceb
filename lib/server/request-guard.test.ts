import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  createNonce,
  isAllowedHost,
  isSameOriginRequest,
  isWellFormedPath,
  parseAllowedHosts,
  refusedHostMessage,
} from './request-guard';

describe('isAllowedHost', () => {
  it('allows loopback names with any port', () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1', '127.0.0.1:3107', '[::1]', '[::1]:8080', 'LOCALHOST:3000'])
      expect(isAllowedHost(host, []), host).toBe(true);
  });

  it('refuses other names: a DNS-rebinding page sends its own', () => {
    for (const host of [
      'attacker.example',
      'attacker.example:3107',
      'localhost.attacker.example',
      '127.0.0.1.nip.io:3000',
      '10.0.0.5:3000',
    ])
      expect(isAllowedHost(host, []), host).toBe(false);
  });

  it('refuses a missing, empty, oversized or malformed Host', () => {
    for (const host of [null, undefined, '', 'a'.repeat(300), 'localhost:3000/evil', 'local host', 'localhost:99999999', 'user@localhost'])
      expect(isAllowedHost(host, []), String(host)).toBe(false);
  });

  it('allows configured names, with any port or only the port given', () => {
    const allowed = parseAllowedHosts(' Shipshape.Example.com , ops.internal:8443,,');
    expect(allowed).toEqual(['shipshape.example.com', 'ops.internal:8443']);
    expect(isAllowedHost('shipshape.example.com', allowed)).toBe(true);
    expect(isAllowedHost('SHIPSHAPE.example.com:443', allowed)).toBe(true);
    expect(isAllowedHost('ops.internal:8443', allowed)).toBe(true);
    expect(isAllowedHost('ops.internal:9000', allowed)).toBe(false);
    expect(isAllowedHost('ops.internal', allowed)).toBe(false);
    expect(isAllowedHost('evil.shipshape.example.com', allowed)).toBe(false);
  });

  it('says what was refused and which setting allows it, bounded', () => {
    const message = refusedHostMessage(`attacker.example:3107${'x'.repeat(500)}`);
    expect(message).toContain('"attacker.example:3107');
    expect(message).toContain('SHIPSHAPE_ALLOWED_HOSTS');
    expect(message.length).toBeLessThan(300);
    expect(refusedHostMessage(null)).toContain('no Host header');
  });
});

describe('isWellFormedPath', () => {
  it('accepts ordinary and well-encoded paths', () => {
    for (const path of ['/', '/c/demo', '/c/kubeconfig%3Ademo/ns/payments', '/c/%E2%9C%93'])
      expect(isWellFormedPath(path), path).toBe(true);
  });

  it('rejects malformed percent-encoding and overlong UTF-8', () => {
    for (const path of ['/c/%ZZ', '/c/%C0%AF', '/c/demo/ns/%ZZ', '/api/c/%ZZ/report', '/c/%'])
      expect(isWellFormedPath(path), path).toBe(false);
  });
});

describe('isSameOriginRequest', () => {
  const host = 'localhost:3000';
  it('accepts a same-origin browser POST and a client that is not a browser', () => {
    expect(isSameOriginRequest({ host, origin: 'http://localhost:3000', secFetchSite: 'same-origin' })).toBe(true);
    expect(isSameOriginRequest({ host, origin: null, secFetchSite: null })).toBe(true);
  });

  it('refuses cross-site and same-site requests and mismatched origins', () => {
    expect(isSameOriginRequest({ host, origin: 'https://attacker.example', secFetchSite: 'cross-site' })).toBe(false);
    expect(isSameOriginRequest({ host, origin: 'http://localhost:3001', secFetchSite: 'same-site' })).toBe(false);
    expect(isSameOriginRequest({ host, origin: 'https://attacker.example', secFetchSite: null })).toBe(false);
    expect(isSameOriginRequest({ host, origin: 'null', secFetchSite: null })).toBe(false);
    expect(isSameOriginRequest({ host: null, origin: 'http://localhost:3000', secFetchSite: null })).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, and forbids framing, base changes and foreign form targets', () => {
    const policy = contentSecurityPolicy('abc123');
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const directive of ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"])
      expect(policy).toContain(directive);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy('abc123', { development: true })).toContain("'unsafe-eval'");
  });

  it('allows exactly one inline style attribute, display:none (React’s hidden SVG segment), by its hash', async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update('display:none').digest('base64');
    expect(contentSecurityPolicy('abc123')).toContain(`style-src-attr 'unsafe-hashes' 'sha256-${hash}'`);
  });

  it('uses a new 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
