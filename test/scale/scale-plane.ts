/**
 * A test control plane seeded with the scale fixture of one size, kept running between bench
 * runs (seeding L takes minutes). It lives in .cache/scale/<size>/ ($SHIPSHAPE_SCALE_DIR moves
 * it); `scale.json` beside the state file says what was seeded, so a plane seeded with another
 * size, seed or generator version is replaced, never reused.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  buildControlPlane,
  type ControlPlane,
  isControlPlaneRunning,
  startControlPlane,
  stopControlPlane,
} from '../control-plane/control-plane';
import { attachControlPlane } from '../control-plane/lifecycle';
import { adminTarget, REPO_ROOT, readState } from '../control-plane/state';
import { FIXTURE_VERSION, generateScaleFixture, type ScaleSize } from './fixture';
import { type SeedTimings, seedScaleFixture } from './seed-scale';

const SCALE_MARKER = z.object({
  size: z.enum(['S', 'M', 'L']),
  seed: z.number(),
  fixtureVersion: z.number(),
  seededAt: z.string(),
  timings: z.object({ created: z.number(), createMs: z.number(), readyMs: z.number(), readyReplicas: z.number() }),
});

export type ScaleMarker = z.infer<typeof SCALE_MARKER> & { timings: SeedTimings };

export function scaleRunDir(size: ScaleSize): string {
  const root = process.env.SHIPSHAPE_SCALE_DIR ? path.resolve(process.env.SHIPSHAPE_SCALE_DIR) : path.join(REPO_ROOT, '.cache', 'scale');
  return path.join(root, size);
}

function markerFile(size: ScaleSize): string {
  return path.join(scaleRunDir(size), 'scale.json');
}

/** What the plane of `size` was seeded with; undefined when there is no marker or it is not one (then it is re-seeded). */
export function readMarker(size: ScaleSize): ScaleMarker | undefined {
  try {
    const parsed = SCALE_MARKER.safeParse(JSON.parse(readFileSync(markerFile(size), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The control-plane flags for thousands of Pods: the controller-manager's and scheduler's client
 * rate limits (20 and 50 requests/s by default) would otherwise make seeding L take the better
 * part of an hour. The HPA controller is off: with no metrics server it only fails to read CPU
 * metrics, ~3 requests per HPA every 15 s, background load that would grow with the size and
 * blur every figure (HPAs stay as objects; the checks read their spec).
 */
const SCALE_FLAGS = {
  'kube-controller-manager': [
    '--kube-api-qps=300',
    '--kube-api-burst=600',
    '--concurrent-replicaset-syncs=16',
    '--concurrent-deployment-syncs=16',
    '--controllers=*,-horizontalpodautoscaling',
  ],
  'kube-scheduler': ['--kube-api-qps=300', '--kube-api-burst=600'],
} as const;

/** A plane seeded with `size` (and `seed`): the running one if it matches, else a fresh one. */
export async function ensureScalePlane(
  size: ScaleSize,
  seed: number,
  options: { log?: (message: string) => void; fresh?: boolean } = {},
): Promise<{ plane: ControlPlane; marker: ScaleMarker; reused: boolean }> {
  const log = options.log ?? (() => {});
  const runDir = scaleRunDir(size);
  const stateFile = path.join(runDir, 'state.json');
  const marker = readMarker(size);
  if (
    !options.fresh &&
    isControlPlaneRunning(stateFile) &&
    marker?.size === size &&
    marker.seed === seed &&
    marker.fixtureVersion === FIXTURE_VERSION
  ) {
    return { plane: attachControlPlane(stateFile), marker, reused: true };
  }
  if (existsSync(stateFile)) await stopControlPlane(stateFile);
  rmSync(runDir, { recursive: true, force: true });
  buildControlPlane({ quiet: true });
  const started = Date.now();
  const stamp = () => `[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`;
  log(`${stamp()} starting a control plane for size ${size} in ${runDir}`);
  const plane = await startControlPlane({ runDir, detached: true, extraArgs: SCALE_FLAGS, log: (line) => log(`${stamp()} ${line}`) });
  try {
    const fixture = generateScaleFixture(size, seed);
    const timings = await seedScaleFixture(adminTarget(readState(stateFile)), fixture, { log: (line) => log(`${stamp()} ${line}`) });
    const written: ScaleMarker = { size, seed, fixtureVersion: FIXTURE_VERSION, seededAt: new Date().toISOString(), timings };
    writeFileSync(markerFile(size), `${JSON.stringify(written, null, 2)}\n`);
    return { plane, marker: written, reused: false };
  } catch (error) {
    await plane.stop().catch(() => {});
    throw error;
  }
}

/** Stops the scale plane of `size`, if one runs, and removes its folder. */
export async function stopScalePlane(size: ScaleSize): Promise<void> {
  await stopControlPlane(path.join(scaleRunDir(size), 'state.json'));
  rmSync(scaleRunDir(size), { recursive: true, force: true });
}
