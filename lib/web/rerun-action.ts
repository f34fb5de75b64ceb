'use server';
/**
 * The Re-run button's server action: a same-origin POST (Next refuses actions whose Origin is
 * not the page's host), so no link, image or cross-site form can make the server re-read a
 * cluster. The minimum interval between fresh reads is enforced by the source's loader.
 */
import { refresh } from 'next/cache';
import { loadContext } from '../sources/registry';
import { SOURCE_ERROR_TITLES } from '../sources/source-error';
import type { RerunState } from './rerun-state';
import { findContext } from './route-params';

export async function rerunChecks(_previous: RerunState, form: FormData): Promise<RerunState> {
  const name = form.get('context');
  const context = typeof name === 'string' && name.length <= 256 ? await findContext(name) : undefined;
  if (!context) return { status: 'failed', message: 'there is no such cluster context.' };
  const result = await loadContext(context.name, { fresh: true });
  // The page renders again in this response, with what was just read (or why it could not be).
  refresh();
  const nextAllowedAt = result.rerun?.nextAllowedAt ?? new Date().toISOString();
  if (result.rerun?.accepted === false) return { status: 'refused', nextAllowedAt };
  if (!result.ok) return { status: 'failed', message: `${SOURCE_ERROR_TITLES[result.error.kind]}.` };
  return { status: 'done', evaluatedAt: result.cluster.evaluatedAt, nextAllowedAt };
}
