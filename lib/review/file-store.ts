import 'server-only';
/**
 * Snapshot mode's review store: reviews as YAML files in the review folder (review-folder.ts),
 * `<namespace>/<review-name>.yaml`, each holding one ReadinessReview object as a cluster would.
 * Nobody vouches for the signer here: it is the name the reviewer gives (or the store's
 * `signerName`, else the operating-system user running Shipshape), always marked not verified.
 *
 * A review is written once and never changed. Concurrent sign-offs from the same state choose
 * the same name (names.ts); the file is made complete under a temporary name opened with `wx`,
 * then linked to its real name, which fails if that exists: one sign-off wins, the other gets a
 * conflict, and no reader ever sees half a review.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, link, lstat, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { isDns1123Label } from '../k8s/objects';
import { parseManifests } from '../snapshot/parse-manifests';
import { newestFirst, reviewName } from './names';
import { misplacement } from './review-folder';
import { fromReviewObject, MAX_REVIEW_BYTES, toReviewObject, validateReview } from './schema';
import type { CreateReviewResult, ReadinessReview, ReviewDraft, ReviewStore, ReviewUnavailable, Signer } from './types';

export interface FileReviewStoreOptions {
  /** The review folder. */
  directory: string;
  /** Refuse every sign-off (SHIPSHAPE_READ_ONLY, or the demo). */
  readOnly: boolean;
  /** Who signs when the reviewer gives no name; the operating-system user when unset. */
  signerName?: string | undefined;
}

/** A review file is YAML of an object kept below MAX_REVIEW_BYTES as JSON: YAML adds indentation, not more. */
const MAX_REVIEW_FILE_BYTES = 3 * MAX_REVIEW_BYTES;
/** Reviews listed per namespace: years of weekly sign-offs. */
const MAX_REVIEW_FILES = 2_000;

const READ_ONLY_HINT = 'Set SHIPSHAPE_READ_ONLY=0 to allow sign-offs in snapshot mode (the demo is read-only unless it is set).';

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    // No passwd entry for the process's user (a container with an arbitrary uid).
    return 'unknown';
  }
}

function invalidNamespace(namespace: string): ({ ok: false } & ReviewUnavailable) | undefined {
  if (isDns1123Label(namespace)) return undefined;
  return { ok: false, reason: 'invalid', message: 'That is not a namespace name (a DNS-1123 label).' };
}

export function createFileReviewStore({ directory, readOnly, signerName }: FileReviewStoreOptions): ReviewStore {
  const folderOf = (namespace: string) => path.join(directory, namespace);
  const shown = (namespace: string, file: string) => `${namespace}/${file}`;

  const whoAmI = async (): Promise<Signer> => ({ username: signerName?.trim() || osUser(), groups: [], verified: false });

  const canWrite: ReviewStore['canWrite'] = async (namespace) => {
    const invalid = invalidNamespace(namespace);
    if (invalid) return invalid;
    if (readOnly)
      return {
        ok: false,
        reason: 'read-only',
        message: 'Shipshape runs read-only here: reviews can be read but not signed.',
        hint: READ_ONLY_HINT,
      };
    // The nearest folder that exists must take new entries: the namespace's, else the review folder, else where it would be made.
    for (let folder = folderOf(namespace); ; folder = path.dirname(folder)) {
      try {
        await access(folder, constants.W_OK | constants.X_OK);
        return { ok: true };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' || path.dirname(folder) === folder)
          return {
            ok: false,
            reason: 'forbidden',
            message: `The review folder cannot be written (${code ?? 'error'}).`,
            hint: `Let the user running Shipshape write to ${path.basename(directory)}, or set SHIPSHAPE_REVIEW_DIR to a folder it may write.`,
          };
      }
    }
  };

  const list: ReviewStore['list'] = async (namespace) => {
    const invalid = invalidNamespace(namespace);
    if (invalid) return invalid;
    let names: string[];
    try {
      names = (await readdir(folderOf(namespace))).filter((name) => /\.ya?ml$/i.test(name)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: true, reviews: [], rejected: [] };
      return { ok: false, reason: 'unreachable', message: `The review folder cannot be read (${code ?? 'error'}).` };
    }
    const reviews: ReadinessReview[] = [];
    const rejected: string[] = [];
    if (names.length > MAX_REVIEW_FILES) {
      rejected.push(
        `${namespace}: ${names.length - MAX_REVIEW_FILES} review files not read: at most ${MAX_REVIEW_FILES} are read per namespace`,
      );
      names = names.slice(-MAX_REVIEW_FILES);
    }
    for (const name of names) {
      const outcome = await readReviewFile(folderOf(namespace), namespace, name);
      if (outcome.ok) reviews.push(outcome.review);
      else rejected.push(`${shown(namespace, name)}: ${outcome.problem}`);
    }
    return { ok: true, reviews: reviews.sort(newestFirst), rejected };
  };

  const create: ReviewStore['create'] = async (draft: ReviewDraft): Promise<CreateReviewResult> => {
    const allowed = await canWrite(draft.namespace);
    if (!allowed.ok)
      return {
        ok: false,
        conflict: false,
        reason: allowed.reason,
        message: allowed.message,
        ...(allowed.hint ? { hint: allowed.hint } : {}),
      };
    let name: string;
    try {
      name = reviewName(draft.previous);
    } catch (error) {
      return { ok: false, conflict: false, reason: 'invalid', message: (error as Error).message };
    }
    const signer = await whoAmI();
    const claimed = draft.claimedSigner?.trim();
    if (claimed) signer.username = claimed;
    const { claimedSigner: _claimed, ...fields } = draft;
    const review: ReadinessReview = { ...fields, name, signedAt: new Date().toISOString(), signer };
    const checked = validateReview(review);
    if (!checked.ok)
      return { ok: false, conflict: false, reason: 'invalid', message: `The review cannot be written: ${checked.problems.join('; ')}.` };
    const text = stringify(toReviewObject(checked.review), { lineWidth: 0 });
    const folder = folderOf(draft.namespace);
    const final = path.join(folder, `${name}.yaml`);
    // Not .yaml, so no reader takes it for a review while it is being written.
    const temporary = path.join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(folder, { recursive: true });
      const handle = await open(temporary, 'wx', 0o644);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await link(temporary, final);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        const current = await list(draft.namespace);
        const latest = current.ok ? current.reviews[0]?.name : undefined;
        return {
          ok: false,
          conflict: true,
          message: `${name} was signed in ${draft.namespace} by someone else while this review was open; nothing was written. Reload the namespace, look at ${latest ?? 'the newest review'}, and sign off again from it.`,
          ...(latest ? { latest } : {}),
        };
      }
      console.error(
        `shipshape: writing review ${shown(draft.namespace, `${name}.yaml`)} failed (${code ?? (error as Error)?.name ?? 'error'})`,
      );
      return { ok: false, conflict: false, reason: 'forbidden', message: `The review could not be written (${code ?? 'error'}).` };
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    console.info(
      `shipshape: review ${name} signed in ${draft.namespace} by ${signer.username} (not verified), verdict ${review.verdict}, written to ${path.basename(directory)}`,
    );
    return { ok: true, review: checked.review };
  };

  return { canWrite, list, create, whoAmI };
}

/** One review file: a regular file within the size bound holding exactly one valid review, where its path says. */
async function readReviewFile(
  folder: string,
  namespace: string,
  name: string,
): Promise<{ ok: true; review: ReadinessReview } | { ok: false; problem: string }> {
  const file = path.join(folder, name);
  const info = await lstat(file).catch(() => undefined);
  if (!info) return { ok: false, problem: 'could not be read' };
  if (!info.isFile()) return { ok: false, problem: 'not a regular file (links and devices are not read)' };
  if (info.size > MAX_REVIEW_FILE_BYTES)
    return { ok: false, problem: `the file is ${info.size} bytes, over the ${MAX_REVIEW_FILE_BYTES}-byte limit for a review` };
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, MAX_REVIEW_FILE_BYTES) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > info.size) return { ok: false, problem: 'the file grew while it was read' };
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, problem: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const parsed = parseManifests(text, name);
  if (parsed.errors.length > 0) return { ok: false, problem: parsed.errors.map((error) => error.message).join('; ') };
  const kinds = Object.keys(parsed.ignoredKinds);
  if (parsed.objects.length + kinds.length !== 1) return { ok: false, problem: 'a review file holds exactly one ReadinessReview object' };
  const [object] = parsed.objects;
  if (!object) return { ok: false, problem: `a ${kinds[0]}, not a ReadinessReview` };
  const misplaced = misplacement(object, `${namespace}/${name}`);
  if (misplaced) return { ok: false, problem: misplaced };
  const review = fromReviewObject(object);
  return review.ok ? review : { ok: false, problem: review.problems.join('; ') };
}
