/**
 * `shipshape reviews` and `shipshape since-signoff`, in-process through run(): every exit code,
 * the gate's levels, an expired risk, each format, and accepted risks applied by `audit` too.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../lib/checks/config/parse';
import { evaluateCluster } from '../lib/checks/evaluate';
import { buildInventory } from '../lib/inventory';
import type { KubeObject } from '../lib/k8s/objects';
import { configDigest } from '../lib/review/config-digest';
import { compactResult } from '../lib/review/result';
import { toReviewObject } from '../lib/review/schema';
import type { AcceptedRisk, ReadinessReview } from '../lib/review/types';
import { reviewsUnreadable } from './reviews';
import { type CliEnv, EXIT } from './run';
import { runCaptured } from './testing';

/** A Deployment that passes every blocking check unless it has no readiness probe. */
function deployment(name: string, options: { probe?: boolean; liveness?: boolean } = {}): KubeObject {
  const { probe = true, liveness = true } = options;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 1000 },
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/shop/app:1.0.0',
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
              ...(probe ? { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } } : {}),
              ...(liveness ? { livenessProbe: { httpGet: { path: '/live', port: 8080 } } } : {}),
            },
          ],
        },
      },
    },
  };
}

const NAMESPACE: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };

interface Setup {
  /** The manifests at sign-off. */
  signed: KubeObject[];
  /** The manifests now; the signed ones when unset. */
  now?: KubeObject[];
  acceptedRisks?: AcceptedRisk[];
  /** No review at all. */
  unsigned?: boolean;
}

/** A working directory with `cluster/` (the manifests now) and `cluster.reviews/shop/review-0001.yaml` signed on `signed`. */
function workspace({ signed, now = signed, acceptedRisks = [], unsigned = false }: Setup): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'shipshape-reviews-cli-'));
  mkdirSync(path.join(cwd, 'cluster'));
  writeFileSync(path.join(cwd, 'cluster', 'shop.yaml'), [NAMESPACE, ...now].map((object) => stringify(object)).join('---\n'));
  if (unsigned) return cwd;
  const inventory = buildInventory([NAMESPACE, ...signed]);
  const report = evaluateCluster(inventory).namespaces.find((namespace) => namespace.namespace === 'shop');
  const namespace = inventory.namespaces.get('shop');
  if (!report || !namespace) throw new Error('shop was not graded');
  const review: ReadinessReview = {
    name: 'review-0001',
    namespace: 'shop',
    signedAt: '2026-05-01T09:00:00Z',
    signer: { username: 'jane@example.com', groups: ['team'], verified: true },
    verdict: acceptedRisks.length > 0 ? 'ready-with-accepted-risks' : 'ready',
    notes: 'Signed in the go-live meeting.',
    acceptedRisks,
    fixBeforeGoLive: [],
    shipshapeVersion: '0.1.0',
    configDigest: configDigest(DEFAULT_SHIPSHAPE_CONFIG),
    result: compactResult(report, namespace),
  };
  mkdirSync(path.join(cwd, 'cluster.reviews', 'shop'), { recursive: true });
  writeFileSync(path.join(cwd, 'cluster.reviews', 'shop', 'review-0001.yaml'), stringify(toReviewObject(review)));
  return cwd;
}

async function cli(args: string[], cwd: string, env: CliEnv = {}) {
  const base: Record<string, string | undefined> = { ...process.env, ...env };
  delete base.SHIPSHAPE_CONFIG;
  delete base.SHIPSHAPE_REVIEW_DIR;
  return runCaptured(args, base, { cwd, isTTY: false });
}

describe('shipshape reviews', () => {
  it('lists a namespace’s reviews newest first, with who signed and the accepted risks', async () => {
    const risk: AcceptedRisk = {
      checkId: 'liveness-probe',
      object: { kind: 'Deployment', name: 'web' },
      reason: 'a worker',
      expires: '2099-01-01',
      acceptedBy: 'lead',
    };
    const cwd = workspace({ signed: [deployment('web', { liveness: false })], acceptedRisks: [risk] });
    const result = await cli(['reviews', 'cluster', '--namespace', 'shop'], cwd);
    expect(result.status, result.stderr).toBe(EXIT.ready);
    expect(result.stdout).toMatch(
      /^ {2}review-0001 {2}2026-05-01T09:00:00Z {2}ready-with-accepted-risks {2}signed by jane@example\.com \(verified by the cluster\)/m,
    );
    expect(result.stdout).toContain('accepted: liveness-probe on Deployment/web until 2099-01-01 by lead: a worker');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('shipshape: 1 review of shop · newest review-0001');
    const json = await cli(['reviews', 'cluster', '--namespace', 'shop', '--format', 'json'], cwd);
    expect(JSON.parse(json.stdout)).toMatchObject({
      schemaVersion: 1,
      kind: 'reviews',
      namespace: 'shop',
      reviews: [{ name: 'review-0001' }],
      rejected: [],
    });
  });

  it('says when a namespace has no reviews yet, and exits 0', async () => {
    const result = await cli(['reviews', 'cluster', '--namespace', 'shop'], workspace({ signed: [deployment('web')], unsigned: true }));
    expect(result.status).toBe(EXIT.ready);
    expect(result.stdout).toBe('shop: no reviews yet.\n');
  });

  it('reports a review that fails validation by name, and lists the rest', async () => {
    const cwd = workspace({ signed: [deployment('web')] });
    writeFileSync(
      path.join(cwd, 'cluster.reviews', 'shop', 'review-0002.yaml'),
      'apiVersion: reviews.shipshape.dev/v1alpha1\nkind: ReadinessReview\nmetadata: { name: review-0002, namespace: shop }\nspec: { verdict: ship-it }\n',
    );
    const result = await cli(['reviews', 'cluster', '--namespace', 'shop'], cwd);
    expect(result.status).toBe(EXIT.ready);
    expect(result.stderr).toMatch(/shipshape: ReadinessReview review-0002 in shop is rejected: spec\.signedAt: /);
    expect(result.stdout).toContain('1 review, newest first');
  });
});

describe('shipshape since-signoff: exit codes', () => {
  it('0 when nothing moved: the sign-off holds', async () => {
    const cwd = workspace({ signed: [deployment('web')] });
    const result = await cli(['since-signoff', 'cluster', '--namespace', 'shop'], cwd);
    expect(result.status, result.stderr).toBe(EXIT.ready);
    expect(result.stdout).toContain('The sign-off holds.');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'shipshape: shop since review-0001 · 0 new failures · 0 fixed · 0 expired risks · sign-off holds · gate passed',
    );
  });

  it('1 when a change since the sign-off fails a blocking check, listing it; objects added are named', async () => {
    const cwd = workspace({ signed: [deployment('web')], now: [deployment('web'), deployment('api', { probe: false })] });
    const result = await cli(['since-signoff', 'cluster', '--namespace', 'shop'], cwd);
    expect(result.status).toBe(EXIT.notReady);
    expect(result.stdout).toContain('The sign-off no longer holds: 1 new blocking failure since review-0001');
    expect(result.stdout).toMatch(/^ {2}✗ readiness-probe {2}Deployment\/api {2}fail \(blocking\)$/m);
    expect(result.stdout).toMatch(/Objects added \(1\)\n {2}Deployment\/api/);
    expect(result.stderr).toContain('shipshape: gate failed (--fail-on-new blocking): 1 blocking failure new since review-0001');
  });

  it('--fail-on-new sets the level: a new non-blocking failure passes blocking and fails fail', async () => {
    const cwd = workspace({ signed: [deployment('web')], now: [deployment('web', { liveness: false })] });
    const blocking = await cli(['since-signoff', 'cluster', '--namespace', 'shop'], cwd);
    expect(blocking.status, blocking.stdout).toBe(EXIT.ready);
    expect(blocking.stdout).toMatch(/liveness-probe {2}Deployment\/web {2}fail \(major\)/);
    const fail = await cli(['since-signoff', 'cluster', '--namespace', 'shop', '--fail-on-new', 'fail'], cwd);
    expect(fail.status).toBe(EXIT.notReady);
    expect(fail.stderr).toContain('1 failing finding new since review-0001');
  });

  it('1 when an accepted blocking risk has expired: the finding counts again', async () => {
    const risk: AcceptedRisk = {
      checkId: 'readiness-probe',
      object: { kind: 'Deployment', name: 'web' },
      reason: 'a worker',
      expires: '2026-01-31',
      acceptedBy: 'lead',
    };
    const cwd = workspace({ signed: [deployment('web', { probe: false })], acceptedRisks: [risk] });
    const result = await cli(['since-signoff', 'cluster', '--namespace', 'shop', '--format', 'json'], cwd);
    expect(result.status).toBe(EXIT.notReady);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ schemaVersion: 1, kind: 'since-signoff', holds: false, expiredRisks: [risk], newFailures: [] });
    expect(document.gate).toEqual({
      failOnNew: 'blocking',
      passed: false,
      counted: [{ checkId: 'readiness-probe', object: 'Deployment/web', status: 'fail', expired: true }],
    });
  });

  it('2 for usage errors and a configuration that cannot be used', async () => {
    const cwd = workspace({ signed: [deployment('web')] });
    const cases: [string[], string][] = [
      [['since-signoff', 'cluster'], 'since-signoff needs --namespace NAME'],
      [['since-signoff', 'cluster', '-n', 'shop', '--fail-on-new', 'sometimes'], 'unknown --fail-on-new "sometimes"'],
      [['reviews', 'cluster', '-n', 'shop', '--format', 'markdown'], 'unknown --format "markdown": one of text, json'],
      [['reviews', 'cluster', '-n', 'shop', '--context', 'prod'], 'read files or a cluster, not both'],
      [['reviews', '-n', 'shop'], 'no folder, file or --context'],
      [['reviews', 'cluster', '-n', 'shop', '--fail-on-new', 'fail'], "Unknown option '--fail-on-new'"],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args, cwd);
      expect(result.status, args.join(' ')).toBe(EXIT.unusable);
      expect(result.stderr).toContain(message);
    }
    const config = await cli(['since-signoff', 'cluster', '-n', 'shop', '--config', 'missing.yaml'], cwd);
    expect(config.status).toBe(EXIT.unusable);
    expect(config.stderr).toContain('cannot read configuration missing.yaml');
  });

  it('3 when there is nothing to compare: no such namespace, or never signed off', async () => {
    const missing = await cli(['since-signoff', 'cluster', '--namespace', 'billing'], workspace({ signed: [deployment('web')] }));
    expect(missing.status).toBe(EXIT.nothingGraded);
    expect(missing.stderr).toContain('nothing to compare: no namespace billing in cluster');
    const unsigned = await cli(
      ['since-signoff', 'cluster', '--namespace', 'shop'],
      workspace({ signed: [deployment('web')], unsigned: true }),
    );
    expect(unsigned.status).toBe(EXIT.nothingGraded);
    expect(unsigned.stderr).toContain('nothing to compare: shop has never been signed off');
    const list = await cli(['reviews', 'cluster', '--namespace', 'billing'], workspace({ signed: [deployment('web')] }));
    expect(list.status).toBe(EXIT.nothingGraded);
  });

  it('4 when the cluster cannot be read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-reviews-kube-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    // Port 9 on loopback: nothing listens there, so the connection is refused at once.
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: gone, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: someone, user: { token: not-a-real-token } }]
contexts: [{ name: gone, context: { cluster: gone, user: someone } }]
current-context: gone
`,
    );
    const result = await cli(['since-signoff', '--context', 'gone', '--namespace', 'shop'], dir, { KUBECONFIG: kubeconfig });
    expect(result.status, result.stderr).toBe(EXIT.unreadable);
    expect(result.stderr).toContain('Nothing answered at https://127.0.0.1:9');
    expect(result.stderr).not.toContain('not-a-real-token');
    expect(result.stdout).toBe('');
  }, 60_000);
});

describe('shipshape since-signoff: formats', () => {
  it('Markdown leads with whether the sign-off holds, then tables of what moved', async () => {
    const cwd = workspace({ signed: [deployment('web'), deployment('old')], now: [deployment('web', { probe: false })] });
    const result = await cli(['since-signoff', 'cluster', '--namespace', 'shop', '--format', 'markdown'], cwd);
    expect(result.status).toBe(EXIT.notReady);
    expect(result.stdout.split('\n')[0]).toBe('## ❌ shop since review\\-0001');
    expect(result.stdout).toContain('| readiness\\-probe | Deployment/web | fail (blocking) |');
    expect(result.stdout).toContain('<details><summary>Objects removed (1)</summary>');
  });
});

describe('shipshape audit with a review folder', () => {
  it('applies the newest review’s accepted risks, as the dashboard does in snapshot mode', async () => {
    const risk: AcceptedRisk = {
      checkId: 'readiness-probe',
      object: { kind: 'Deployment', name: 'web' },
      reason: 'a worker',
      expires: '2099-01-01',
      acceptedBy: 'lead',
    };
    const cwd = workspace({ signed: [deployment('web', { probe: false })], acceptedRisks: [risk] });
    const result = await cli(['audit', 'cluster', '--format', 'json'], cwd);
    const document = JSON.parse(result.stdout);
    const check = document.namespaces[0].checks.find((entry: { checkId: string }) => entry.checkId === 'readiness-probe');
    expect(check.status).toBe('waived');
    expect(JSON.stringify(check)).toContain('ReadinessReview review-0001');
  });
});

describe('reviews a live read could not read', () => {
  it('are named as unreadable, with the read’s reason, never taken for none', () => {
    const inventory = buildInventory(
      [NAMESPACE],
      [{ kind: 'ReadinessReview', reason: 'unavailable', message: 'the ReadinessReview CRD is not installed (deploy/crd/)' }],
    );
    expect(reviewsUnreadable(inventory, 'shop')).toBe('the ReadinessReview CRD is not installed (deploy/crd/)');
    const forbiddenElsewhere = buildInventory(
      [NAMESPACE],
      [{ kind: 'ReadinessReview', namespace: 'billing', reason: 'forbidden', message: 'forbidden' }],
    );
    expect(reviewsUnreadable(forbiddenElsewhere, 'shop')).toBeUndefined();
    expect(reviewsUnreadable(buildInventory([NAMESPACE]), 'shop')).toBeUndefined();
  });
});
