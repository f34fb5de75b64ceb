/**
 * Load a folder or file of Kubernetes YAML from disk into parsed objects.
 * Node-only (reads the file system); the parsing itself is pure.
 *
 * A snapshot folder is hostile input: every limit below is checked before the bytes are read
 * (file size by `lstat`), and anything that is not a regular file is skipped and reported, never
 * opened (symlinks could point at /dev/zero or outside the folder, a FIFO would block forever).
 */
import { lstat, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyParsedManifests, type ParsedManifests, parseManifests } from './parse-manifests';

const YAML_FILE = /\.ya?ml$/i;
const MB = 1024 * 1024;

/** The bounds of one snapshot read; each can be set in the environment. */
export interface SnapshotLimits {
  /** Largest single file, in bytes (SHIPSHAPE_SNAPSHOT_MAX_FILE_MB, default 8). */
  maxFileBytes: number;
  /** All files together, in bytes (SHIPSHAPE_SNAPSHOT_MAX_TOTAL_MB, default 64). */
  maxTotalBytes: number;
  /** Objects kept from the whole snapshot (SHIPSHAPE_SNAPSHOT_MAX_OBJECTS, default 50,000). */
  maxObjects: number;
  /** YAML files read (SHIPSHAPE_SNAPSHOT_MAX_FILES, default 5,000). */
  maxFiles: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  maxFileBytes: 8 * MB,
  maxTotalBytes: 64 * MB,
  maxObjects: 50_000,
  maxFiles: 5_000,
};

function positiveNumber(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The limits in force: the environment's settings, else the defaults. A value that is not a positive number is ignored. */
export function snapshotLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SnapshotLimits {
  return {
    maxFileBytes: Math.round(positiveNumber(env.SHIPSHAPE_SNAPSHOT_MAX_FILE_MB, DEFAULT_SNAPSHOT_LIMITS.maxFileBytes / MB) * MB),
    maxTotalBytes: Math.round(positiveNumber(env.SHIPSHAPE_SNAPSHOT_MAX_TOTAL_MB, DEFAULT_SNAPSHOT_LIMITS.maxTotalBytes / MB) * MB),
    maxObjects: Math.floor(positiveNumber(env.SHIPSHAPE_SNAPSHOT_MAX_OBJECTS, DEFAULT_SNAPSHOT_LIMITS.maxObjects)),
    maxFiles: Math.floor(positiveNumber(env.SHIPSHAPE_SNAPSHOT_MAX_FILES, DEFAULT_SNAPSHOT_LIMITS.maxFiles)),
  };
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

export interface LoadedSnapshot extends ParsedManifests {
  /** The files read, as paths relative to the snapshot root. */
  files: string[];
}

/**
 * Read every `.yaml`/`.yml` file under `target` (a folder, recursively, or one file), in name
 * order. Paths in errors are relative to the snapshot root (a single file: its base name), so
 * they never reveal where the server keeps it.
 */
export async function loadSnapshot(target: string, limits: SnapshotLimits = snapshotLimitsFromEnv()): Promise<LoadedSnapshot> {
  const result = emptyParsedManifests();
  // The root is the operator's choice (SHIPSHAPE_SNAPSHOT, a CLI argument), so a link to it is followed.
  const root = await stat(target);
  const isFolder = root.isDirectory();
  const base = isFolder ? target : path.dirname(target);
  const candidates = isFolder ? await entriesUnder(target) : [target];
  const files: string[] = [];
  let totalBytes = 0;
  for (const [index, file] of candidates.entries()) {
    const shown = path.relative(base, file) || path.basename(file);
    if (files.length >= limits.maxFiles) {
      result.errors.push({
        file: shown,
        message: `not read, nor the ${candidates.length - index - 1} files after it: the snapshot has more than ${limits.maxFiles} YAML files (SHIPSHAPE_SNAPSHOT_MAX_FILES)`,
      });
      break;
    }
    if (result.objects.length >= limits.maxObjects) {
      result.errors.push({
        file: shown,
        message: `not read, nor the ${candidates.length - index - 1} files after it: the snapshot already holds ${limits.maxObjects} objects (SHIPSHAPE_SNAPSHOT_MAX_OBJECTS)`,
      });
      break;
    }
    const info = isFolder ? await lstat(file) : root;
    const skipped = skipReason(info);
    if (skipped) {
      result.errors.push({ file: shown, message: `skipped: ${skipped}` });
      continue;
    }
    if (info.size > limits.maxFileBytes) {
      result.errors.push({
        file: shown,
        message: `not read: the file is ${megabytes(info.size)}, over the ${megabytes(limits.maxFileBytes)} limit per file (SHIPSHAPE_SNAPSHOT_MAX_FILE_MB)`,
      });
      continue;
    }
    if (totalBytes + info.size > limits.maxTotalBytes) {
      result.errors.push({
        file: shown,
        message: `not read: the snapshot's files would exceed ${megabytes(limits.maxTotalBytes)} in all (SHIPSHAPE_SNAPSHOT_MAX_TOTAL_MB)`,
      });
      continue;
    }
    const bytes = await readBounded(file, info.size, limits.maxFileBytes);
    if (bytes === undefined) {
      result.errors.push({ file: shown, message: 'not read: the file changed size while it was read' });
      continue;
    }
    totalBytes += bytes.length;
    files.push(shown);
    // A NUL byte never appears in YAML text: this is a binary file misnamed .yaml.
    if (bytes.includes(0)) {
      result.errors.push({ file: shown, message: 'skipped: a binary file (it contains NUL bytes), not YAML text' });
      continue;
    }
    const before = result.objects.length;
    parseManifests(bytes.toString('utf8'), shown, result);
    const over = result.objects.length - limits.maxObjects;
    if (over > 0) {
      result.objects.length = limits.maxObjects;
      result.errors.push({
        file: shown,
        message: `${over} of its ${result.objects.length - before + over} objects were not kept: the snapshot holds at most ${limits.maxObjects} objects (SHIPSHAPE_SNAPSHOT_MAX_OBJECTS)`,
      });
    }
  }
  // A plain object again (own data properties only): React cannot serialise a null-prototype one.
  return { ...result, ignoredKinds: { ...result.ignoredKinds }, files };
}

/** Why an entry is not read, or undefined for a regular file. */
function skipReason(info: Awaited<ReturnType<typeof lstat>>): string | undefined {
  if (info.isSymbolicLink()) return 'a symbolic link (links are not followed)';
  if (info.isDirectory()) return 'a directory whose name ends in .yaml';
  if (info.isFIFO()) return 'a named pipe (FIFO), not a file';
  if (info.isSocket()) return 'a socket, not a file';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'a device, not a file';
  if (!info.isFile()) return 'not a regular file';
  return undefined;
}

/**
 * Read a file of `expected` bytes (its size at `lstat`), never more than `limit`: undefined
 * when it holds more (it grew in between). The buffer is sized from `expected`, so a small file
 * costs a small allocation.
 */
async function readBounded(file: string, expected: number, limit: number): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return undefined;
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // One byte more than expected means the file grew: refused rather than read unbounded.
    return length > expected ? undefined : buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * The entries of a folder to read or report, recursively, in name order: every `.yaml`/`.yml`
 * entry whatever its type, and every symbolic link (a linked folder is not walked into, so it is
 * reported rather than left out silently).
 */
async function entriesUnder(target: string): Promise<string[]> {
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => YAML_FILE.test(entry.name) || entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
