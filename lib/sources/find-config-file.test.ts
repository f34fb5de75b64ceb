import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../checks/config/parse';
import { findConfigFile } from './find-config-file';

const HEADER = 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\n';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-find-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('findConfigFile', () => {
  it('prefers the file named on the command line to SHIPSHAPE_CONFIG and the default file', async () => {
    const dir = folderWith({
      'shipshape.config.yaml': 'not: used\n',
      'env.yaml': 'not: used either\n',
      'flag.yaml': `${HEADER}checks:\n  disabled: [readiness-probe]\n`,
    });
    const found = await findConfigFile({ strict: true, named: 'flag.yaml', env: { SHIPSHAPE_CONFIG: 'env.yaml' }, cwd: dir });
    expect(found).toMatchObject({ state: 'file', file: 'flag.yaml', location: 'flag.yaml', errors: [] });
    expect(found.state === 'file' && found.config.disabledChecks).toEqual(['readiness-probe']);
  });

  it('strict: an unusable file gives no configuration to grade with, only the errors', async () => {
    const dir = folderWith({ 'bad.yaml': `${HEADER}checks:\n  severity:\n    image-tag-pined: blocking\n` });
    const found = await findConfigFile({ strict: true, named: path.join(dir, 'bad.yaml'), env: {}, cwd: '/' });
    expect(found.state).toBe('invalid');
    expect(found).not.toHaveProperty('config');
    expect(found.errors[0]).toMatchObject({ path: 'checks.severity.image-tag-pined', line: 5 });
    expect(found).toMatchObject({ file: 'bad.yaml', location: path.join(dir, 'bad.yaml') });
  });

  it('lenient: the same file means the defaults-with-notice the dashboard shows', async () => {
    const dir = folderWith({});
    const missing = await findConfigFile({ env: { SHIPSHAPE_CONFIG: 'gone.yaml' }, cwd: dir });
    expect(missing).toEqual({
      state: 'invalid',
      config: DEFAULT_SHIPSHAPE_CONFIG,
      file: 'gone.yaml',
      errors: [{ path: '(file)', message: 'SHIPSHAPE_CONFIG names gone.yaml, which does not exist' }],
    });
  });

  it('only the default file may be absent, in both modes', async () => {
    const dir = folderWith({});
    expect(await findConfigFile({ strict: true, env: {}, cwd: dir })).toEqual({
      state: 'defaults',
      config: DEFAULT_SHIPSHAPE_CONFIG,
      errors: [],
    });
    expect(await findConfigFile({ strict: true, named: 'gone.yaml', env: {}, cwd: dir })).toMatchObject({
      state: 'invalid',
      errors: [{ path: '(file)', message: '--config names gone.yaml, which does not exist' }],
    });
  });
});
