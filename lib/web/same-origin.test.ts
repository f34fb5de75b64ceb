import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';

describe('isSameOrigin', () => {
  it('accepts a page of the host the request was sent to', () => {
    expect(isSameOrigin('http://127.0.0.1:3107', '127.0.0.1:3107')).toBe(true);
    expect(isSameOrigin('https://Shipshape.example', 'shipshape.example')).toBe(true);
  });

  it('refuses another site, another port, a missing or opaque origin', () => {
    expect(isSameOrigin('http://evil.example', '127.0.0.1:3107')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:9999', '127.0.0.1:3107')).toBe(false);
    expect(isSameOrigin(null, '127.0.0.1:3107')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:3107')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3107', null)).toBe(false);
  });
});
