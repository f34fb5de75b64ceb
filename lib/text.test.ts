import { describe, expect, it } from 'vitest';
import { didYouMean, hasHiddenCharacters, quoteText, suggestion } from './text';

describe('quoteText', () => {
  it('escapes control and invisible characters and cuts long text short', () => {
    expect(quoteText('a\u202Eb\u200bc')).toBe('“a\\u202eb\\u200bc”');
    expect(quoteText('x'.repeat(50), 10)).toBe(`“${'x'.repeat(10)}…”`);
  });
});

describe('hasHiddenCharacters', () => {
  it('finds bidirectional overrides and control characters, but not tabs or line breaks', () => {
    expect(hasHiddenCharacters('ok\u202Eevil')).toBe(true);
    expect(hasHiddenCharacters('bell\u0007')).toBe(true);
    expect(hasHiddenCharacters('tab\tand\nlines\r\n')).toBe(false);
  });
});

describe('suggestion and didYouMean', () => {
  it('offers the closest candidate only when it is close enough to be a typo', () => {
    expect(suggestion('trustedRegistrys', ['trustedRegistries', 'publicRegistries'])).toBe('trustedRegistries');
    expect(suggestion('enabled', ['disabled', 'severity'])).toBeUndefined();
    expect(didYouMean('expiry', ['reason', 'expires'])).toBe(' (did you mean expires?)');
    expect(didYouMean('zzz', ['reason'])).toBe('');
  });
});
