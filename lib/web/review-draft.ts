import 'server-only';
/**
 * The review model's inputs the server knows: the namespace's inventory from the cached read, the
 * digest of the configuration it was graded with, the tool's version and the clock. One place, so
 * a sign-off and "since sign-off" compare the same digest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../checks/config/parse';
import type { NamespaceReport } from '../checks/evaluate';
import type { NamespaceInventory } from '../inventory';
import { configDigest } from '../review/config-digest';
import { type DraftOutcome, draftFromDecisions } from '../review/draft';
import type { SignOffDecisions } from '../review/sign-off-form';
import { type SinceSignOffDetail, sinceSignOff } from '../review/since-signoff';
import type { ReadinessReview } from '../review/types';
import type { LoadedCluster } from '../sources/cluster-source';

let toolVersion: string | undefined;

/** The version of the Shipshape that grades, as the CLI and the exports report it. */
export function shipshapeVersion(): string {
  toolVersion ??= (
    JSON.parse(readFileSync(/*turbopackIgnore: true*/ path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
  ).version;
  return toolVersion;
}

/** The digest of the configuration the cluster was graded with (the defaults when no file was read). */
export function gradedConfigDigest(cluster: LoadedCluster): string {
  return configDigest(cluster.config?.config ?? DEFAULT_SHIPSHAPE_CONFIG);
}

/** A graded namespace always has its inventory; an empty one stands in rather than a crash if not. */
function namespaceInventory(cluster: LoadedCluster, namespace: string): NamespaceInventory {
  return cluster.inventory.namespaces.get(namespace) ?? { name: namespace, byKind: new Map(), workloads: [] };
}

/** The draft of a sign-off from the form's decisions, checked by the model's rules. */
export function buildDraft(cluster: LoadedCluster, report: NamespaceReport, form: SignOffDecisions, signerName: string): DraftOutcome {
  return draftFromDecisions({
    report,
    inventory: namespaceInventory(cluster, report.namespace),
    previous: form.previous,
    verdict: form.verdict,
    notes: form.notes,
    decisions: form.decisions,
    shipshapeVersion: shipshapeVersion(),
    configDigest: gradedConfigDigest(cluster),
    signerName,
    claimedSigner: form.claimedSigner,
    now: new Date(),
  });
}

/** The namespace now against a review of it. */
export function sinceReview(review: ReadinessReview, cluster: LoadedCluster, report: NamespaceReport): SinceSignOffDetail {
  return sinceSignOff(review, report, namespaceInventory(cluster, report.namespace), gradedConfigDigest(cluster), new Date());
}
