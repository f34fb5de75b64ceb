import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory';
import type { KubeObject } from '../../k8s/objects';
import { parseManifests } from '../../snapshot/parse-manifests';
import { quoteText } from '../../text';
import { CATALOG_CHECK_IDS } from '../catalog';
import { readinessProbe } from '../catalog/probes/readiness-probe';
import { noPrivileged } from '../catalog/security-context/no-privileged';
import { DEFAULT_SHIPSHAPE_CONFIG, parseConfigFile, type ShipshapeConfig } from '../config/parse';
import { evaluateCluster, evaluateNamespace, type GradeOptions } from '../evaluate';
import { scoreChecklist } from '../scoring';
import { namespaceAnnotationWaivers, parseWaiverAnnotation, waiversFromAnnotations } from './annotations';
import { applyWaivers, describeWaiverNote } from './apply';
import { waiverFromConfigEntry } from './config-entries';
import { isIsoDate, isWaiverExpired } from './validate';

const KNOWN = new Set(['no-privileged', 'readiness-probe', 'image-tag-pinned']);
const BEFORE = new Date('2027-01-15T12:00:00Z');
const AFTER = new Date('2027-06-01T00:00:00Z');

/** A DaemonSet that fails no-privileged (hostNetwork) but passes readiness-probe. */
function daemonSet(name: string, annotations?: Record<string, string>, namespace = 'fixture'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          hostNetwork: true,
          containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.10', readinessProbe: { tcpSocket: { port: 80 } } }],
        },
      },
    },
  };
}

function safeDeployment(name: string, namespace = 'fixture'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'api', image: 'registry.k8s.io/pause:3.10', readinessProbe: { tcpSocket: { port: 80 } } }] },
      },
    },
  };
}

function namespaceObject(name: string, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(annotations ? { annotations } : {}) } };
}

const WAIVER = 'reason="node agent needs the host network"; approved-by=jane@example.com; expires=2027-03-31';

function grade(objects: KubeObject[], options: GradeOptions, namespace = 'fixture') {
  const inventory = buildInventory(objects);
  const entry = inventory.namespaces.get(namespace);
  if (!entry) throw new Error(`no namespace ${namespace}`);
  return evaluateNamespace(entry, inventory, options, [noPrivileged, readinessProbe]);
}

const itemOf = (report: ReturnType<typeof grade>, checkId: string) => report.items.find((item) => item.checkId === checkId);

describe('parseWaiverAnnotation', () => {
  it('reads bare and quoted values separated by ; or line breaks', () => {
    expect(parseWaiverAnnotation(WAIVER)).toEqual({
      fields: { reason: 'node agent needs the host network', 'approved-by': 'jane@example.com', expires: '2027-03-31' },
      problems: [],
    });
    expect(parseWaiverAnnotation('reason=plain words\napproved-by = ops team \r\nexpires=2027-03-31\n').fields).toEqual({
      reason: 'plain words',
      'approved-by': 'ops team',
      expires: '2027-03-31',
    });
  });

  it('keeps ; = and escaped quotes inside a quoted value', () => {
    const parsed = parseWaiverAnnotation(String.raw`reason="a; b=c \"quoted\" back\\slash"; approved-by=x; expires=2027-03-31`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.fields.reason).toBe('a; b=c "quoted" back\\slash');
  });

  it('names every malformed part instead of guessing', () => {
    expect(parseWaiverAnnotation('reasn=x; approved-by=y; expires=2027-03-31').problems).toEqual([
      'unknown field “reasn” (did you mean reason?)',
    ]);
    expect(parseWaiverAnnotation('reason=x; reason=y').problems).toEqual(['reason is given twice']);
    expect(parseWaiverAnnotation('reason="never closed; expires=2027-03-31').problems).toEqual([
      'the quoted “reason” value has no closing quote',
    ]);
    expect(parseWaiverAnnotation('reason=say "hi"').problems[0]).toContain('stray quote');
    expect(parseWaiverAnnotation('reason="a" b; expires=2027-03-31').problems[0]).toContain('unexpected text after the quoted');
    expect(parseWaiverAnnotation('just some words').problems).toEqual(['“just some words” is not a field=value pair']);
    expect(parseWaiverAnnotation(String.raw`reason="bad \n escape"`).problems[0]).toContain('backslash');
  });
});

describe('dates and the clock', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2027-03-31')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2027-02-30', '2027-13-01', '31/03/2027', '2027-3-31', '2027-03-31T00:00:00Z', '1999-12-31', ''])
      expect(isIsoDate(bad), bad).toBe(false);
  });

  it('holds a waiver through its expiry day (UTC) and lapses at the midnight after', () => {
    expect(isWaiverExpired('2027-03-31', new Date('2027-03-31T23:59:59Z'))).toBe(false);
    expect(isWaiverExpired('2027-03-31', new Date('2027-04-01T00:00:00Z'))).toBe(true);
  });
});

describe('waiversFromAnnotations', () => {
  it('waives the annotated object, or the whole namespace from a Namespace', () => {
    const fromObject = waiversFromAnnotations(daemonSet('agent', { 'waiver.shipshape.dev/no-privileged': WAIVER }), KNOWN);
    expect(fromObject.rejected).toEqual([]);
    expect(fromObject.waivers).toEqual([
      {
        checkId: 'no-privileged',
        namespace: 'fixture',
        object: { kind: 'DaemonSet', name: 'agent', namespace: 'fixture' },
        reason: 'node agent needs the host network',
        approvedBy: 'jane@example.com',
        expires: '2027-03-31',
        source: 'annotation “waiver.shipshape.dev/no-privileged” on DaemonSet “fixture/agent”',
      },
    ]);
    const fromNamespace = waiversFromAnnotations(namespaceObject('fixture', { 'waiver.shipshape.dev/no-privileged': WAIVER }), KNOWN);
    expect(fromNamespace.waivers[0]?.object).toBeUndefined();
    expect(fromNamespace.waivers[0]?.namespace).toBe('fixture');
  });

  it('rejects a waiver without a reason, naming the object and the annotation', () => {
    const { waivers, rejected } = waiversFromAnnotations(
      daemonSet('agent', { 'waiver.shipshape.dev/no-privileged': 'approved-by=jane; expires=2027-03-31' }),
      KNOWN,
    );
    expect(waivers).toEqual([]);
    expect(rejected).toEqual([
      {
        namespace: 'fixture',
        checkId: 'no-privileged',
        source: 'annotation “waiver.shipshape.dev/no-privileged” on DaemonSet “fixture/agent”',
        problems: ['no reason'],
        message: 'annotation “waiver.shipshape.dev/no-privileged” on DaemonSet “fixture/agent” is rejected: no reason.',
      },
    ]);
  });

  it('rejects bad dates, unknown checks, missing approvers and blank reasons, all at once', () => {
    const { rejected } = waiversFromAnnotations(
      daemonSet('agent', {
        'waiver.shipshape.dev/image-tag-pined': 'reason="  "; expires=2027-02-30',
        'waiver.shipshape.dev/no-privileged': 'reason=ok; approved-by=jane; expires=next year',
        'unrelated.example/annotation': 'ignored',
      }),
      KNOWN,
    );
    expect(rejected.map((entry) => entry.problems)).toEqual([
      [
        'unknown check id “image-tag-pined” (did you mean image-tag-pinned?)',
        'reason is empty',
        'no approved-by',
        'expires must be a date written YYYY-MM-DD, not “2027-02-30”',
      ],
      ['expires must be a date written YYYY-MM-DD, not “next year”'],
    ]);
    expect(rejected[0]?.checkId).toBeUndefined();
  });

  it('refuses text that hides what a reviewer reads, and quotes hostile text safely', () => {
    const hidden = waiversFromAnnotations(
      daemonSet('agent', { 'waiver.shipshape.dev/no-privileged': 'reason="ok\u202Eevil"; approved-by=x; expires=2027-03-31' }),
      KNOWN,
    );
    expect(hidden.rejected[0]?.problems).toEqual(['reason contains control or invisible characters']);
    expect(quoteText('\u001b[31mred\u001b[0m')).toBe('“\\u001b[31mred\\u001b[0m”');
    // Markup is just text: it is kept as written and escaped where it is rendered.
    const markup = waiversFromAnnotations(
      daemonSet('agent', {
        'waiver.shipshape.dev/no-privileged': 'reason="<img src=x onerror=alert(1)>"; approved-by=x; expires=2027-03-31',
      }),
      KNOWN,
    );
    expect(markup.waivers[0]?.reason).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads a controller-made copy of a waiver once, so live and snapshot grades agree', () => {
    const deployment = {
      ...safeDeployment('api'),
      metadata: { name: 'api', namespace: 'fixture', annotations: { 'waiver.shipshape.dev/no-privileged': 'reason=' } },
    };
    const replicaSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'api-5d8f',
        namespace: 'fixture',
        annotations: { 'waiver.shipshape.dev/no-privileged': 'reason=' },
        ownerReferences: [{ kind: 'Deployment', name: 'api', controller: true }],
      },
    };
    const snapshot = buildInventory([deployment]);
    const live = buildInventory([deployment, replicaSet]);
    const rejectedIn = (inventory: typeof live) =>
      namespaceAnnotationWaivers(inventory.namespaces.get('fixture') as NonNullable<ReturnType<typeof live.namespaces.get>>, KNOWN)
        .rejected;
    expect(rejectedIn(snapshot)).toHaveLength(1);
    expect(rejectedIn(live)).toEqual(rejectedIn(snapshot));
  });
});

describe('waiverFromConfigEntry', () => {
  it('reads a configuration entry for an object', () => {
    const parsed = waiverFromConfigEntry(
      { check: 'no-privileged', namespace: 'fixture', object: 'DaemonSet/agent', reason: 'why', approvedBy: 'jane', expires: '2027-03-31' },
      'shipshape.config.yaml waivers[0]',
      KNOWN,
    );
    expect(parsed.waiver?.object).toEqual({ kind: 'DaemonSet', name: 'agent', namespace: 'fixture' });
    expect(parsed.waiver?.source).toBe('shipshape.config.yaml waivers[0] (DaemonSet fixture/agent)');
  });

  it('rejects an entry with problems, naming the entry and each problem', () => {
    const parsed = waiverFromConfigEntry(
      { check: 'no-privileged', namespace: 'Fixture', object: 'agent', approvedBy: 'jane', expires: 20270331, expiry: 'x' },
      'shipshape.config.yaml waivers[1]',
      KNOWN,
    );
    expect(parsed.rejected?.problems).toEqual([
      'unknown field “expiry” (did you mean expires?)',
      'namespace “Fixture” is not a namespace name',
      'object must be written Kind/name (e.g. Deployment/api), not “agent”',
      'no reason',
      'expires must be a date written YYYY-MM-DD, not “20270331”',
    ]);
    expect(parsed.rejected?.message).toMatch(/^shipshape\.config\.yaml waivers\[1\] is rejected: unknown field/);
  });
});

describe('applying waivers', () => {
  const waived = { 'waiver.shipshape.dev/no-privileged': WAIVER };

  it('shows a waived finding as waived with its reason, approver and expiry, never hides it', () => {
    const report = grade([daemonSet('agent', waived)], { now: BEFORE });
    const item = itemOf(report, 'no-privileged');
    expect(item?.status).toBe('waived');
    expect(item?.counts).toEqual({ pass: 0, warn: 0, fail: 0, waived: 1 });
    expect(item?.findings).toEqual([
      {
        object: { kind: 'DaemonSet', name: 'agent', namespace: 'fixture' },
        status: 'waived',
        waivedStatus: 'fail',
        message: 'pod uses hostNetwork',
        // A waived risk keeps its fix for the object, and where it is written.
        field: 'spec.template.spec.hostNetwork',
        fix: {
          type: 'patch',
          note: expect.stringMatching(/^Turns off privileged mode/),
          target: { kind: 'DaemonSet', name: 'agent', namespace: 'fixture' },
          patchType: 'strategic',
          patch: { spec: { template: { spec: { hostNetwork: false } } } },
          inPlace: true,
        },
        waiver: {
          state: 'active',
          reason: 'node agent needs the host network',
          approvedBy: 'jane@example.com',
          expires: '2027-03-31',
          source: 'annotation “waiver.shipshape.dev/no-privileged” on DaemonSet “fixture/agent”',
        },
      },
    ]);
    expect(describeWaiverNote(item?.findings[0]?.waiver as NonNullable<typeof item>['findings'][number]['waiver'] & object)).toBe(
      'Waived until 2027-03-31, approved by jane@example.com: node agent needs the host network',
    );
    // The blocking failure is an accepted risk now: not "not ready", but not plain "ready" either.
    expect(report.blockingFailures).toEqual([]);
    expect(report.verdict).toBe('ready-with-risks');
    expect(report.counts.waived).toBe(1);
  });

  it('turns an expired waiver back into a finding that says so', () => {
    const report = grade([daemonSet('agent', waived)], { now: AFTER });
    const item = itemOf(report, 'no-privileged');
    expect(item?.status).toBe('fail');
    expect(item?.counts).toEqual({ pass: 0, warn: 0, fail: 1, waived: 0 });
    const note = item?.findings[0]?.waiver;
    expect(note?.state).toBe('expired');
    expect(note && describeWaiverNote(note)).toMatch(/^Waiver expired on 2027-03-31 \(approved by jane@example.com: /);
    expect(report.verdict).toBe('not-ready');
  });

  it('waives only the objects it names; the rest still fail, and waived objects leave the credit', () => {
    const report = grade([daemonSet('agent', waived), daemonSet('other'), safeDeployment('api')], { now: BEFORE });
    const item = itemOf(report, 'no-privileged');
    expect(item?.status).toBe('fail');
    expect(item?.counts).toEqual({ pass: 1, warn: 0, fail: 1, waived: 1 });
    expect(item?.findings.map((finding) => `${finding.status} ${finding.object.name}`)).toEqual(['fail other', 'waived agent', 'pass api']);
    // Credit 1 of 2 graded objects, not 1 of 3.
    expect(scoreChecklist(item ? [item] : []).value).toBe(50);
  });

  it('leaves an item out of the score when all that is wrong with it is waived, even with passing objects', () => {
    const report = grade([daemonSet('agent', waived), safeDeployment('api')], { now: BEFORE });
    expect(itemOf(report, 'no-privileged')?.status).toBe('waived');
    // Only readiness-probe is graded, and it passes.
    expect(report.score.value).toBe(100);
  });

  it('waives a whole namespace from its Namespace annotation', () => {
    const report = grade([namespaceObject('fixture', waived), daemonSet('agent'), daemonSet('other')], { now: BEFORE });
    expect(itemOf(report, 'no-privileged')?.counts).toEqual({ pass: 0, warn: 0, fail: 0, waived: 2 });
    expect(itemOf(report, 'no-privileged')?.findings[0]?.waiver?.source).toContain('on Namespace “fixture”');
  });

  it('prefers a waiver in force over an expired one, and the object’s own over the namespace’s', () => {
    const expiredOnObject = { 'waiver.shipshape.dev/no-privileged': 'reason=old; approved-by=a; expires=2026-01-31' };
    const report = grade([namespaceObject('fixture', waived), daemonSet('agent', expiredOnObject)], { now: BEFORE });
    expect(itemOf(report, 'no-privileged')?.findings[0]?.waiver).toMatchObject({ state: 'active', approvedBy: 'jane@example.com' });
    const both = grade(
      [
        namespaceObject('fixture', waived),
        daemonSet('agent', { 'waiver.shipshape.dev/no-privileged': 'reason=own; approved-by=b; expires=2027-02-28' }),
      ],
      { now: BEFORE },
    );
    expect(itemOf(both, 'no-privileged')?.findings[0]?.waiver).toMatchObject({ state: 'active', reason: 'own' });
  });

  it('does not waive passing findings or other checks', () => {
    const report = grade([daemonSet('agent', { 'waiver.shipshape.dev/readiness-probe': WAIVER })], { now: BEFORE });
    expect(itemOf(report, 'readiness-probe')?.status).toBe('pass');
    expect(itemOf(report, 'readiness-probe')?.findings[0]?.waiver).toBeUndefined();
    expect(itemOf(report, 'no-privileged')?.status).toBe('fail');
  });

  it('returns the item untouched when no waiver concerns it', () => {
    const report = grade([daemonSet('agent')], { now: BEFORE });
    const item = itemOf(report, 'no-privileged');
    expect(item && applyWaivers(item, [], BEFORE)).toBe(item);
  });

  it('lists rejected waivers per namespace and for the cluster', () => {
    const report = grade([daemonSet('agent', { 'waiver.shipshape.dev/no-privileged': 'approved-by=x; expires=2027-03-31' })], {
      now: BEFORE,
    });
    expect(itemOf(report, 'no-privileged')?.status).toBe('fail');
    expect(report.rejectedWaivers.map((rejected) => rejected.problems)).toEqual([['no reason']]);
  });
});

describe('grading with a configuration', () => {
  const yaml = (body: string) => `apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\n${body}`;
  const configOf = (body: string): ShipshapeConfig => {
    const parsed = parseConfigFile(yaml(body), CATALOG_CHECK_IDS);
    expect(parsed.errors).toEqual([]);
    return parsed.config;
  };

  it('applies waivers from the file, and lists its rejected entries in the namespace they name', () => {
    const config = configOf(`waivers:
  - check: no-privileged
    namespace: fixture
    object: DaemonSet/agent
    reason: node agent needs the host network
    approvedBy: jane@example.com
    expires: 2027-03-31
  - check: no-privileged
    namespace: fixture
    approvedBy: jane@example.com
    expires: 2027-03-31
`);
    const report = grade([daemonSet('agent'), daemonSet('other')], { config, now: BEFORE });
    const item = itemOf(report, 'no-privileged');
    expect(item?.findings.map((finding) => `${finding.status} ${finding.object.name}`)).toEqual(['fail other', 'waived agent']);
    expect(item?.findings[1]?.waiver?.source).toBe('shipshape.config.yaml waivers[0] (DaemonSet fixture/agent)');
    expect(report.rejectedWaivers.map((rejected) => rejected.message)).toEqual([
      'shipshape.config.yaml waivers[1] is rejected: no reason.',
    ]);
  });

  it('overrides severities and disables checks without making the review incomplete', () => {
    const config = configOf('checks:\n  severity:\n    no-privileged: minor\n  disabled: [readiness-probe]\n');
    const report = grade([daemonSet('agent')], { config, now: BEFORE });
    expect(itemOf(report, 'no-privileged')).toMatchObject({ severity: 'minor', status: 'fail' });
    expect(itemOf(report, 'readiness-probe')).toMatchObject({ status: 'not-evaluated', reason: 'disabled' });
    expect(report.partial).toBe(false);
    expect(report.verdict).toBe('ready-with-risks');
  });

  it('skips excluded namespaces and, unless asked, system namespaces', () => {
    const objects = [
      daemonSet('a', undefined, 'team-a'),
      daemonSet('b', undefined, 'preview-42'),
      daemonSet('c', undefined, 'kube-system'),
    ];
    const inventory = buildInventory(objects);
    const defaults = evaluateCluster(inventory, { now: BEFORE });
    expect(defaults.namespaces.map((report) => report.namespace).sort()).toEqual(['preview-42', 'team-a']);
    const config = configOf('namespaces:\n  exclude: ["preview-*"]\n  includeSystem: true\n');
    const configured = evaluateCluster(inventory, { config, now: BEFORE });
    expect(configured.namespaces.map((report) => report.namespace).sort()).toEqual(['kube-system', 'team-a']);
    expect(configured.excludedNamespaces).toEqual(['preview-42']);
    expect(configured.skippedNamespaces).toEqual([]);
  });

  it('lists rejected configuration waivers for a namespace that is not graded at cluster level', () => {
    const config = configOf('waivers:\n  - check: no-privileged\n    namespace: elsewhere\n    expires: 2027-03-31\n');
    const cluster = evaluateCluster(buildInventory([daemonSet('a')]), { config, now: BEFORE });
    expect(cluster.rejectedWaivers.map((rejected) => rejected.problems)).toEqual([['no reason', 'no approvedBy']]);
    expect(cluster.namespaces[0]?.rejectedWaivers).toEqual([]);
  });

  it('grades the same with or without the defaults configuration spelled out', () => {
    const inventory = buildInventory(
      parseManifests(`${'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fixture\n'}`, 'x.yaml').objects,
    );
    expect(evaluateCluster(inventory, { now: BEFORE })).toEqual(
      evaluateCluster(inventory, { config: DEFAULT_SHIPSHAPE_CONFIG, now: BEFORE }),
    );
  });
});
