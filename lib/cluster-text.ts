/**
 * How a string from a cluster or a file is shown: cut to a length a page can repeat, and with
 * every character a reader cannot see (bidi controls, zero-width and other format characters,
 * control characters) replaced by a visible marker such as ⟨U+202E⟩, so text reads the way it is
 * stored (Trojan Source). Pure: the web app's components use it on the server and in the browser.
 */

/** What a value shows before "…": enough for any real name, image or host. */
export const DISPLAY_LIMIT = 256;

/** A sentence that embeds values (a finding's message, an error): room for the sentence around them. */
export const SENTENCE_LIMIT = 512;

/**
 * The most of one value a page carries, even on demand: a page that names an object a hundred
 * times must not carry its 1 MB name a hundred times.
 */
export const FULL_VALUE_LIMIT = 8192;

export interface TruncatedText {
  /** The start of the text, never ending in half a surrogate pair. */
  text: string;
  /** UTF-16 code units left out (0 when the whole text fits). */
  omitted: number;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The first `limit` UTF-16 code units of `text`, one fewer where the cut would split a surrogate pair. */
export function truncateText(text: string, limit: number): TruncatedText {
  if (text.length <= limit) return { text, omitted: 0 };
  let end = Math.max(0, limit);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  return { text: text.slice(0, end), omitted: text.length - end };
}

/**
 * Characters that change how text around them is shown, or show as nothing: controls (other than
 * tab and line breaks, which show as space), format characters (`Cf`: bidi embeddings, overrides
 * and isolates, zero-width space and joiners, word joiner, BOM, soft hyphen, tags, …), other
 * default-ignorable code points (variation selectors, Hangul fillers, the combining grapheme
 * joiner), line and paragraph separators, and lone surrogates.
 */
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/** ⟨U+202E⟩ for U+202E. */
export function markerFor(codePoint: number): string {
  return `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export type TextSegment = { kind: 'text'; text: string } | { kind: 'marker'; text: string; codePoint: number };

/** Split `text` into runs of ordinary text and one marker per invisible character. */
export function revealInvisible(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    const index = match.index;
    if (index > last) segments.push({ kind: 'text', text: text.slice(last, index) });
    const codePoint = match[0].codePointAt(0) ?? 0;
    segments.push({ kind: 'marker', text: markerFor(codePoint), codePoint });
    last = index + match[0].length;
  }
  if (last < text.length || segments.length === 0) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** The text as it is shown: every invisible character replaced by its marker. */
export function visibleText(text: string): string {
  return revealInvisible(text)
    .map((segment) => segment.text)
    .join('');
}

export interface DisplayText {
  /** What is shown first: at most `limit` code units of the value. */
  preview: TruncatedText;
  /** What "show all" shows: at most FULL_VALUE_LIMIT code units; `omitted` counts what no page shows. */
  full: TruncatedText;
  /** The value's length, in UTF-16 code units. */
  length: number;
}

/** Both cuts of one value: the preview and what a reader may ask to see. */
export function displayText(value: string, limit: number = DISPLAY_LIMIT): DisplayText {
  return { preview: truncateText(value, limit), full: truncateText(value, Math.max(limit, FULL_VALUE_LIMIT)), length: value.length };
}
