/**
 * The corpus: manifests of real public projects (SOURCES.md), copied unchanged and graded with
 * the default configuration. Every expectation in expected.yaml was written by reading the
 * manifest and the check's rules, not by copying the program's output; each carries the line of
 * the manifest (or its absence) that decides it. Most manifests name no namespace, so, as
 * `kubectl apply` would, they land in `default`; metrics-server's name kube-system and
 * kube-state-metrics' monitoring, and are graded there. Files of one folder are applied together
 * and graded as one namespace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { emptyParsedManifests, parseManifests } from '../../snapshot/parse-manifests';
import { CATALOG } from '../catalog';
import { evaluateNamespace } from '../evaluate';
import type { ChecklistItem } from '../types';
import { type CheckResult, coverageProblems, parseExpectations, resultOf } from './expectations';

const EXPECTED_FILE = 'expected.yaml';
const CORPUS = parseExpectations(readFileSync(path.join(import.meta.dirname, EXPECTED_FILE), 'utf8'), `lib/checks/corpus/${EXPECTED_FILE}`);
const CATALOG_IDS = CATALOG.map((check) => check.id);

const PASS: CheckResult = { status: 'pass', flagged: {} };

/** Waivers are judged against a clock; the corpus has none, but the grade must not depend on the day it runs. */
const NOW = new Date('2025-06-01T00:00:00Z');

const refOf = (finding: { object: { kind: string; name: string } }) => `${finding.object.kind}/${finding.object.name}`;

function observed(item: ChecklistItem): CheckResult & { reason?: string } {
  const result: CheckResult & { reason?: string } = {
    status: item.status === 'waived' ? 'fail' : item.status,
    flagged: Object.fromEntries(
      item.findings.flatMap((finding) =>
        finding.status === 'warn' || finding.status === 'fail' ? [[refOf(finding), finding.status]] : [],
      ),
    ),
  };
  if (item.reason) result.reason = item.reason;
  return result;
}

function load(files: readonly string[], ignoredKinds: Record<string, number> = {}): KubeObject[] {
  let parsed = emptyParsedManifests();
  for (const file of files) parsed = parseManifests(readFileSync(path.join(import.meta.dirname, file), 'utf8'), file, parsed);
  expect(parsed.errors).toEqual([]);
  expect(parsed.ignoredKinds).toEqual(ignoredKinds);
  return parsed.objects;
}

describe.each(CORPUS)('corpus $name', (entry) => {
  const { files, namespace: namespaceName, ignoredKinds, checks, grade } = entry;
  const objects = load(files, ignoredKinds);
  const inventory = buildInventory(objects);
  const namespace = inventory.namespaces.get(namespaceName);
  if (!namespace) throw new Error(`${files.join(', ')}: nothing landed in namespace ${namespaceName}`);
  // Graded directly, as a system namespace too: the cluster-wide report leaves kube-system out by default.
  const report = evaluateNamespace(namespace, inventory, { now: NOW });
  const reported = (id: string) => {
    const item = report.items.find((candidate) => candidate.checkId === id);
    if (!item) throw new Error(`${id} is missing from the report`);
    return item;
  };
  const coverage = () => coverageProblems(entry, CATALOG_IDS, (id) => observed(reported(id))).join('\n\n');

  it(`lands every namespaced object in ${namespaceName}, as kubectl apply would`, () => {
    expect([...inventory.namespaces.keys()]).toEqual([namespaceName]);
    // Objects that name no namespace land in default; the others name this one.
    const named = namespaceName === 'default' ? undefined : namespaceName;
    const namespaced = objects.filter((object) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(object.kind));
    expect(namespaced.every((object) => object.metadata.namespace === named)).toBe(true);
  });

  it('has a hand-written expectation for every check in the catalog, and for no other', () => {
    expect(Object.keys(checks).sort(), coverage()).toEqual([...CATALOG_IDS].sort());
  });

  it.each(CATALOG_IDS)('%s', (id) => {
    const item = reported(id);
    const expectation = checks[id];
    if (!expectation) throw new Error(coverage());
    const want = resultOf(expectation);
    // Not applicable, never "could not read": a snapshot reads every kind.
    expect(observed(item), `${EXPECTED_FILE}, ${entry.name}, ${id}, written because: ${expectation.reason}`).toEqual(
      want.status === 'not-evaluated' ? { ...want, reason: 'not-applicable' } : want,
    );
  });

  it('keeps its grade and verdict', () => {
    expect(
      {
        score: report.score.value,
        grade: report.score.grade,
        verdict: report.verdict,
        blocking: report.blockingFailures.map((item) => item.checkId),
      },
      `${EXPECTED_FILE}, ${entry.name}, grade, written because: ${grade.reason}`,
    ).toEqual({ score: grade.score, grade: grade.grade, verdict: grade.verdict, blocking: grade.blocking });
  });
});

/**
 * The fix the bookinfo report asks for first: one `podSelector: {}` policy with no ingress rules
 * (policyTypes left for the API server to default). Other tools have read an empty selector as
 * "selects nothing"; it selects every pod of the namespace.
 */
describe('corpus bookinfo.yaml with a podSelector: {} default deny added', () => {
  const policy: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny-ingress' },
    spec: { podSelector: {} },
  };
  const inventory = buildInventory([...load(['bookinfo.yaml']), policy]);
  const namespace = inventory.namespaces.get('default');
  if (!namespace) throw new Error('nothing landed in the default namespace');
  const report = evaluateNamespace(namespace, inventory, { now: NOW });
  const item = (id: string) => observed(report.items.find((candidate) => candidate.checkId === id) as ChecklistItem);

  it.each([
    'network-default-deny', // selects all pods, isolates Ingress by default, allows nothing in
    'namespace-network-policy-present', // a NetworkPolicy now exists
    'pods-covered-by-network-policy', // {} selects all six Deployments' pods
    'policy-targets-pods', // {} targets every pod, not none
  ])('%s passes', (id) => {
    expect(item(id)).toEqual(PASS);
  });
});
