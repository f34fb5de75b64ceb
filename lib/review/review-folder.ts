/**
 * Snapshot mode's review folder: beside the snapshot (`<snapshot>.reviews/`, or where
 * SHIPSHAPE_REVIEW_DIR says), one folder per namespace holding one ReadinessReview object per
 * file, `<namespace>/<review-name>.yaml`. Read here for grading (the grading worker: no
 * `server-only`) and for the file store (file-store.ts). A review folder is hostile input like a
 * snapshot: the snapshot loader's bounds apply, only regular files are read, and every file that
 * is not one valid review where its path says is reported by name, never used.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { KubeObject } from '../k8s/objects';
import { loadSnapshot, type SnapshotLimits, snapshotLimitsFromEnv } from '../snapshot/load-snapshot';
import { type ManifestError, manifestLocationOf } from '../snapshot/parse-manifests';
import { REVIEW_KIND } from './types';

export type ReviewEnv = Readonly<Record<string, string | undefined>>;

/** The review folder of a snapshot: SHIPSHAPE_REVIEW_DIR when set, else `<snapshot>.reviews` beside it. */
export function reviewFolderFor(snapshotTarget: string, env: ReviewEnv = process.env): string {
  const configured = env.SHIPSHAPE_REVIEW_DIR?.trim();
  if (configured) return path.resolve(configured);
  return `${path.resolve(snapshotTarget).replace(/[\\/]+$/, '')}.reviews`;
}

/**
 * Whether sign-offs are refused: SHIPSHAPE_READ_ONLY=1 refuses them, =0 allows them; unset, the
 * demo is read-only and a snapshot is writable. Any other value is read-only: a typo must not open writes.
 */
export function isReadOnly(kind: 'demo' | 'snapshot' | 'live', env: ReviewEnv = process.env): boolean {
  const setting = env.SHIPSHAPE_READ_ONLY?.trim();
  if (setting === '0') return false;
  if (setting === undefined || setting === '') return kind === 'demo';
  return true;
}

/** The reviews of a whole review folder, and every file that is not one, by name. */
export interface ReviewFolder {
  objects: KubeObject[];
  errors: ManifestError[];
}

/**
 * Every review object under `folder`, for grading: a missing folder holds none. A file whose
 * object is not a ReadinessReview, or whose namespace or name differs from its path, is an error
 * naming the file: a review is where its path says, or it is not trusted. Paths in errors start
 * with the folder's own name (`shop.reviews/shop/review-0001.yaml`), never where the server keeps it.
 */
export async function loadReviewFolder(folder: string, limits: SnapshotLimits = snapshotLimitsFromEnv()): Promise<ReviewFolder> {
  try {
    if (!(await stat(folder)).isDirectory())
      return { objects: [], errors: [{ file: path.basename(folder), message: 'the review folder is not a folder' }] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { objects: [], errors: [] };
    return {
      objects: [],
      errors: [
        { file: path.basename(folder), message: `the review folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
      ],
    };
  }
  const loaded = await loadSnapshot(folder, limits);
  const shown = (file: string) => `${path.basename(folder)}/${file}`;
  const errors: ManifestError[] = loaded.errors.map((problem) => ({ ...problem, file: shown(problem.file) }));
  for (const kind of Object.keys(loaded.ignoredKinds))
    errors.push({ file: path.basename(folder), message: `holds ${kind} objects: only ${REVIEW_KIND} objects belong in a review folder` });
  const objects: KubeObject[] = [];
  for (const object of loaded.objects) {
    const at = manifestLocationOf(object);
    const file = at?.file ?? '';
    const problem = misplacement(object, file);
    if (problem) errors.push({ file: shown(file), ...(at ? { line: at.line } : {}), message: problem });
    else objects.push(object);
  }
  return { objects, errors };
}

/** Why an object read from `file` (relative to the review folder) is not the review that path names; undefined when it is. */
export function misplacement(object: KubeObject, file: string): string | undefined {
  if (object.kind !== REVIEW_KIND) return `a ${object.kind}, not a ${REVIEW_KIND}: only reviews belong in a review folder`;
  const parts = file.split(/[\\/]/);
  const [namespace, name] = parts.length === 2 ? [parts[0], parts[1]?.replace(/\.ya?ml$/i, '')] : [undefined, undefined];
  if (namespace === undefined) return 'not where a review is kept: reviews are <namespace>/<review-name>.yaml';
  if (object.metadata.namespace !== namespace) return `its metadata.namespace is not ${namespace}, the folder it is in`;
  if (object.metadata.name !== name) return `its metadata.name is not ${name}, the file's name`;
  return undefined;
}
