/**
 * Go-live reviews on the test control plane: the default seed does not install the
 * ReadinessReview CRD (so "reviews not installed" is testable); tests that need it install
 * deploy/crd/ here, as a cluster admin would, and remove it again so the rest of the suite reads
 * the cluster it expects. Waits until each step has taken effect in the API server (discovery
 * serves the kind, the signer policy refuses a forged signer, `view` has aggregated reading),
 * so tests never race the server's own informers.
 */
import path from 'node:path';
import type { ControlPlane } from '@test/control-plane/control-plane';
import { reviewSignerObjects } from '@test/control-plane/control-plane';
import { stringify } from 'yaml';

const CRD_DIR = path.join(import.meta.dirname, '..', '..', 'deploy', 'crd');
const CRD_NAME = 'readinessreviews.reviews.shipshape.dev';

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function kubectlOk(cluster: ControlPlane, args: readonly string[], input?: string): Promise<string> {
  const result = await cluster.kubectl(args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

/** A review as kubectl would send it, signed by `signer`; the smallest object the CRD accepts. */
export function reviewManifest(namespace: string, name: string, signer: string, spec: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'reviews.shipshape.dev/v1alpha1',
    kind: 'ReadinessReview',
    metadata: { name, namespace },
    spec: {
      signedAt: '2026-01-15T10:00:00Z',
      signer: { username: signer, groups: ['system:authenticated'], verified: true },
      verdict: 'ready',
      notes: '',
      acceptedRisks: [],
      fixBeforeGoLive: [],
      shipshapeVersion: '0.1.0',
      configDigest: `sha256:${'0'.repeat(64)}`,
      result: { score: 100, grade: 'A', verdict: 'ready', checks: {}, objects: [] },
      ...spec,
    },
  });
}

/** `kubectl apply -f deploy/crd/`, then waits until the API server serves and enforces all of it. */
export async function installReviewCrd(cluster: ControlPlane, probe: { namespace: string; context: string; user: string }): Promise<void> {
  await kubectlOk(cluster, ['apply', '-f', CRD_DIR]);
  await kubectlOk(cluster, ['wait', '--for=condition=Established', `crd/${CRD_NAME}`, '--timeout=30s']);
  await until('the API server to serve readinessreviews', 30_000, async () => {
    const result = await cluster.kubectl(['get', '--raw', '/apis/reviews.shipshape.dev/v1alpha1']);
    return result.code === 0 && result.stdout.includes('"readinessreviews"');
  });
  // The admission plugin loads policies through an informer: a server-side dry run with a forged
  // signer is refused once the policy is in force.
  await until('the signer policy to be enforced', 30_000, async () => {
    const result = await cluster.kubectl(
      ['--context', probe.context, 'create', '--dry-run=server', '-f', '-'],
      reviewManifest(probe.namespace, 'review-9999', `not-${probe.user}`),
    );
    return result.code !== 0 && result.stderr.includes('ValidatingAdmissionPolicy');
  });
  // The controller manager aggregates reading reviews into `view`.
  await until('view to aggregate reading reviews', 30_000, async () => {
    const rules = await kubectlOk(cluster, ['get', 'clusterrole', 'view', '-o', 'jsonpath={.rules[*].resources}']);
    return rules.includes('readinessreviews');
  });
}

/** Removes what installReviewCrd added (reviews go with their CRD) and waits until discovery no longer serves it. */
export async function uninstallReviewCrd(cluster: ControlPlane): Promise<void> {
  await kubectlOk(cluster, ['delete', '--ignore-not-found', '--wait=true', '-f', CRD_DIR]);
  await until('the API server to stop serving readinessreviews', 60_000, async () => {
    const result = await cluster.kubectl(['get', '--raw', '/apis/reviews.shipshape.dev/v1alpha1']);
    return result.code !== 0;
  });
}

/**
 * A namespace of the test's own, holding `manifests`, where `signers` may sign reviews (view and
 * the signer role, as the seed grants in the team namespace). Returns a function that deletes it.
 */
export async function reviewNamespace(
  cluster: ControlPlane,
  namespace: string,
  signers: readonly string[],
  manifests: readonly object[],
): Promise<() => Promise<void>> {
  const access = reviewSignerObjects(namespace, signers).map((entry) => entry.object);
  const documents = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, ...access, ...manifests];
  await kubectlOk(cluster, ['apply', '-f', '-'], documents.map((document) => stringify(document)).join('---\n'));
  return async () => {
    await kubectlOk(cluster, ['delete', 'namespace', namespace, '--ignore-not-found', '--wait=true', '--timeout=60s']);
  };
}
