import { describe, expect, it } from 'vitest';
import { DISPLAY_LIMIT, displayText, FULL_VALUE_LIMIT, markerFor, revealInvisible, truncateText, visibleText } from './cluster-text';

describe('truncateText', () => {
  it('keeps text up to the limit whole', () => {
    const text = 'a'.repeat(DISPLAY_LIMIT);
    expect(truncateText(text, DISPLAY_LIMIT)).toEqual({ text, omitted: 0 });
    expect(truncateText('', DISPLAY_LIMIT)).toEqual({ text: '', omitted: 0 });
  });

  it('cuts at the limit and counts what it left out', () => {
    const result = truncateText('b'.repeat(DISPLAY_LIMIT + 10), DISPLAY_LIMIT);
    expect(result.text).toBe('b'.repeat(DISPLAY_LIMIT));
    expect(result.omitted).toBe(10);
  });

  it('never splits a surrogate pair', () => {
    // 255 ASCII characters then an emoji (two code units) straddling the 256th position.
    const text = `${'c'.repeat(DISPLAY_LIMIT - 1)}😀tail`;
    const result = truncateText(text, DISPLAY_LIMIT);
    expect(result.text).toBe('c'.repeat(DISPLAY_LIMIT - 1));
    expect(result.omitted).toBe(text.length - (DISPLAY_LIMIT - 1));
    // A pair that ends exactly at the limit stays whole.
    const exact = `${'c'.repeat(DISPLAY_LIMIT - 2)}😀tail`;
    expect(truncateText(exact, DISPLAY_LIMIT).text).toBe(`${'c'.repeat(DISPLAY_LIMIT - 2)}😀`);
  });

  it('bounds what is shown on demand too', () => {
    const huge = 'd'.repeat(1024 * 1024);
    const display = displayText(huge);
    expect(display.preview.text).toHaveLength(DISPLAY_LIMIT);
    expect(display.full.text).toHaveLength(FULL_VALUE_LIMIT);
    expect(display.full.omitted).toBe(huge.length - FULL_VALUE_LIMIT);
    expect(display.length).toBe(huge.length);
  });
});

describe('revealInvisible', () => {
  it('leaves plain text unchanged, in one segment', () => {
    for (const text of ['payments-api', 'ghcr.io/kestrel/api@sha256:0123abcd', 'Grüße aus Zürich', 'שלום', '日本語 😀', 'a b\tc\nd']) {
      expect(revealInvisible(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('marks each bidi control, so a name reads as it is stored', () => {
    const text = 'NS\u202Eupper';
    expect(revealInvisible(text)).toEqual([
      { kind: 'text', text: 'NS' },
      { kind: 'marker', text: '⟨U+202E⟩', codePoint: 0x202e },
      { kind: 'text', text: 'upper' },
    ]);
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x061c, 0x200e, 0x200f];
    for (const codePoint of controls) {
      expect(visibleText(`x${String.fromCodePoint(codePoint)}y`)).toBe(`x${markerFor(codePoint)}y`);
    }
  });

  it('marks zero-width and other format characters', () => {
    const formats = [0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x180e, 0xe0041, 0x110bd];
    for (const codePoint of formats) {
      expect(visibleText(`x${String.fromCodePoint(codePoint)}y`), markerFor(codePoint)).toBe(`x${markerFor(codePoint)}y`);
    }
  });

  it('marks other characters that show as nothing: controls, ignorables, separators, lone surrogates', () => {
    const others = [0x00, 0x1b, 0x7f, 0x85, 0x9b, 0x034f, 0xfe0f, 0x3164, 0x2028, 0x2029];
    for (const codePoint of others) {
      expect(visibleText(`x${String.fromCodePoint(codePoint)}y`), markerFor(codePoint)).toBe(`x${markerFor(codePoint)}y`);
    }
    expect(visibleText('x\uD800y')).toBe('x⟨U+D800⟩y');
    expect(visibleText('x\uDC00')).toBe('x⟨U+DC00⟩');
  });

  it('marks runs one character at a time, at the start and the end', () => {
    expect(visibleText('\u200B\u200Bmid\u2066')).toBe('⟨U+200B⟩⟨U+200B⟩mid⟨U+2066⟩');
    expect(markerFor(0xe0041)).toBe('⟨U+E0041⟩');
  });
});
