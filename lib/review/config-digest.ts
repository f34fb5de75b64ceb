/**
 * The digest of the configuration a namespace was graded with, so "since sign-off" can say the
 * configuration changed. Uses node:crypto, so it lives apart from the pure model: the server and
 * the CLI compute it and pass it in (canonicalJson is the pure half).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './result';

/** `sha256:` and the hex digest of the configuration's canonical JSON. */
export function configDigest(config: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`;
}
