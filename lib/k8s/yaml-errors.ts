/**
 * YAML errors in our own words. The yaml library's messages quote the source text (a token, an
 * alias, a whole line), and any file may be a Secret, so no message shown to anyone is built
 * from them: only from the error's code, plus the file, line and column the caller adds.
 * Pure: shared by the snapshot parser and the configuration file.
 */
import type { YAMLError } from 'yaml';

/** The yaml library's error codes in our own words; its messages quote the source and are never used. */
export const YAML_ERROR_WORDS: Record<YAMLError['code'], string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias is malformed',
  BAD_COLLECTION_TYPE: 'a tag does not match the kind of collection',
  BAD_DIRECTIVE: 'a directive is malformed',
  BAD_DQ_ESCAPE: 'a double-quoted string has an invalid escape',
  BAD_INDENT: 'the indentation is wrong',
  BAD_PROP_ORDER: 'an anchor or tag is in the wrong place',
  BAD_SCALAR_START: 'a plain value starts with a reserved character',
  BLOCK_AS_IMPLICIT_KEY: 'a block value cannot be a key',
  BLOCK_IN_FLOW: 'a block value is inside a flow collection ([…] or {…})',
  DUPLICATE_KEY: 'a key appears twice in one mapping',
  IMPOSSIBLE: 'the parser reached an impossible state',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  MISSING_CHAR: 'a closing character or separator is missing',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines',
  MULTIPLE_ANCHORS: 'a node has several anchors',
  MULTIPLE_DOCS: 'several documents where one was expected',
  MULTIPLE_TAGS: 'a node has several tags',
  NON_STRING_KEY: 'a key is a list or a mapping, not text',
  RESOURCE_EXHAUSTION: 'the document expands to too much data',
  TAB_AS_INDENT: 'a tab is used for indentation',
  TAG_RESOLVE_FAILED: 'a tag is unknown',
  UNEXPECTED_TOKEN: 'unexpected content (a stray character, or a value where a key was expected)',
};

/** A yaml error code in words; an unknown code (a newer library) still never shows the library's text. */
export function describeYamlCode(code: string): string {
  return (YAML_ERROR_WORDS as Record<string, string>)[code] ?? 'the YAML is malformed here';
}

/**
 * Why `document.toJS()` threw, in our words: its messages quote the alias's source text, which
 * may be a password that merely starts with `*`.
 */
export function describeConversionError(error: unknown, maxAliasCount: number): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unresolved alias'))
    return 'the document uses an alias (*name) with no matching anchor (&name); a value starting with * must be quoted';
  if (message.includes('resource exhaustion') || message.includes('alias count'))
    return `the document expands aliases more than ${maxAliasCount} times (an alias bomb?)`;
  if (error instanceof RangeError) return 'the document is nested too deeply to read';
  return 'the document could not be converted to an object';
}
