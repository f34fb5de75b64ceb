/**
 * Text helpers for messages about hostile input: quoting cluster or file text safely, and
 * guessing what a misspelt word meant. Pure: no I/O, usable from the checks library and the pages.
 */

// Control characters (other than whitespace), zero-width and bidirectional overrides: text that
// hides or reorders what a reviewer reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const HIDDEN_CHARACTERS_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Does `text` hold control (other than tab and line breaks), zero-width or bidirectional-override characters? */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTERS.test(text);
}

/**
 * Cluster text made safe to quote in a message: control and invisible characters escaped,
 * length capped. (Pages escape markup anyway; this is for terminals and logs.)
 */
export function quoteText(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `“${cut.replace(HIDDEN_CHARACTERS_GLOBAL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}”`;
}

/** The candidate closest to a misspelt word, if one is close enough to be what was meant. */
export function suggestion(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean x?)` when a candidate is close to `word`, else nothing: the tail of an "unknown …" message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = suggestion(word, candidates);
  return guess ? ` (did you mean ${guess}?)` : '';
}

/** Levenshtein distance; words more than 3 characters apart in length are never a typo of each other. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}
