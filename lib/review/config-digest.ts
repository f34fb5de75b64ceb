/**
 * The digest of the configuration a namespace was graded with, so "since sign-off" can say the
 * configuration changed. Uses node:crypto, so it lives apart from the pure model: the server and
 * the CLI compute it and pass it in (canonicalJson is the pure half).
 */
import { createHash } from 'node:crypto';
import type { ShipshapeConfig } from '../checks/config/parse';
import { canonicalJson } from './result';

/**
 * What of a configuration grades: everything but where its parts were written (a waiver's
 * `source` names the file, which differs between the dashboard and a CLI run of the same file)
 * and the entries it rejected (those grade nothing).
 */
export function gradingConfig(config: ShipshapeConfig): unknown {
  const { rejectedWaivers: _rejected, waivers, ...rest } = config;
  return { ...rest, waivers: waivers.map(({ source: _source, ...waiver }) => waiver) };
}

/** `sha256:` and the hex digest of the configuration's canonical JSON: the same for the same settings, however loaded. */
export function configDigest(config: ShipshapeConfig): string {
  return `sha256:${createHash('sha256')
    .update(canonicalJson(gradingConfig(config)))
    .digest('hex')}`;
}
