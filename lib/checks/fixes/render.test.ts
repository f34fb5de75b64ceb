/**
 * The kubectl line a fix renders to, read back by a real POSIX shell: whatever the names hold
 * (quotes, newlines, `$(…)`), each stays one argument and nothing runs.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonValue, ObjectFix } from '../types';
import { fixCommand, fixYaml, shellQuote } from './render';

/** The words /bin/sh makes of a command line, its first word (`kubectl`) replaced by a printer of its arguments. */
function shellWords(command: string): string[] {
  const printed = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${command.replace(/^kubectl /, '')}`], { encoding: 'utf8' });
  return printed.split('\0').slice(0, -1);
}

const HOSTILE = [`it's`, "a'b'c", `x'; touch /tmp/shipshape-pwned; echo '`, 'line\nbreak', '$(id)', '`id`', "''", '\\', 'ünï\u202ecode'];

describe('shellQuote', () => {
  it.each(HOSTILE)('keeps %j one word, unchanged', (name) => {
    expect(shellWords(`kubectl ${shellQuote(name)}`)).toEqual([name]);
  });
});

describe('fixCommand', () => {
  it.each(HOSTILE)('patches an object named %j with exactly its name and the patch as JSON', (name) => {
    const fix: ObjectFix = {
      type: 'patch',
      note: 'n',
      target: { kind: 'Deployment', name, namespace: name },
      patchType: 'strategic',
      patch: { spec: { template: { spec: { containers: [{ name, securityContext: { privileged: false } }] } } } },
      inPlace: true,
    };
    const words = shellWords(fixCommand(fix) as string);
    expect(words.slice(0, 5)).toEqual(['-n', name, 'patch', `deployment/${name}`, '--type=strategic']);
    expect(words[5]).toBe('-p');
    expect(JSON.parse(words[6] as string)).toEqual(fix.patch);
    expect(words).toHaveLength(7);
  });

  it('leaves out -n for a cluster-scoped object', () => {
    const fix: ObjectFix = {
      type: 'patch',
      note: 'n',
      target: { kind: 'Namespace', name: 'shop' },
      patchType: 'strategic',
      patch: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } },
      inPlace: true,
    };
    expect(fixCommand(fix)).toBe(
      `kubectl patch 'namespace/shop' --type=strategic -p '{"metadata":{"labels":{"pod-security.kubernetes.io/enforce":"baseline"}}}'`,
    );
  });

  it('gives no command for a change the API server refuses on a live object, only the YAML', () => {
    const fix: ObjectFix = {
      type: 'patch',
      note: 'n',
      target: { kind: 'Pod', name: 'web', namespace: 'shop' },
      patchType: 'strategic',
      patch: { spec: { containers: [{ name: 'web', securityContext: { privileged: false } }] } },
      inPlace: false,
    };
    expect(fixCommand(fix)).toBeUndefined();
    expect(fixYaml(fix)).toBe('spec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: false');
  });

  it.each(HOSTILE)('pipes a manifest for a namespace named %j to kubectl apply as one JSON word', (name) => {
    const manifest = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: name } };
    const command = fixCommand({ type: 'manifest', note: 'n', manifest }) as string;
    expect(command.startsWith(`printf '%s\\n' '`)).toBe(true);
    const piped = execFileSync('/bin/sh', ['-c', command.replace('| kubectl apply -f -', '')], { encoding: 'utf8' });
    expect(JSON.parse(piped)).toEqual(manifest);
    expect(command.endsWith(' | kubectl apply -f -')).toBe(true);
  });
});

describe('fixYaml', () => {
  const patch = (value: JsonValue): ObjectFix => ({
    type: 'patch',
    note: 'n',
    target: { kind: 'Deployment', name: 'api', namespace: 'shop' },
    patchType: 'strategic',
    patch: value,
    inPlace: true,
  });

  it('writes a patch as the fragment of the object it changes, in kubectl’s layout', () => {
    const fix = patch({
      spec: { template: { spec: { containers: [{ name: 'api', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } },
    });
    expect(fixYaml(fix)).toBe(
      'spec:\n  template:\n    spec:\n      containers:\n      - name: api\n        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi',
    );
  });

  it.each([
    ...HOSTILE,
    'yes',
    'on',
    '~',
    'null',
    '1',
    '0x1F',
    '1e3',
    '- item',
    'a: b',
    '#comment',
    '{x}',
    '*alias',
    '&anchor',
    '!tag',
    '',
    ' lead',
  ])('reads back with a real YAML parser as the same value, whatever a name holds: %j', (name) => {
    const value: JsonValue = {
      metadata: { name, labels: { [name || 'empty']: name } },
      spec: { list: [name, { [name || 'k']: [name] }], empty: {}, none: [], flag: false, count: 2, nothing: null },
    };
    expect(parse(fixYaml(patch(value)))).toEqual(value);
  });
});
