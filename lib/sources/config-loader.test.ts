import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIPSHAPE_CONFIG } from '../checks/config/parse';
import { loadShipshapeConfig } from './config-loader';

const HEADER = 'apiVersion: shipshape.dev/v1\nkind: ShipshapeConfig\n';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shipshape-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadShipshapeConfig', () => {
  it('uses the defaults when there is no file', async () => {
    expect(await loadShipshapeConfig({}, folderWith({}))).toEqual({ state: 'defaults', config: DEFAULT_SHIPSHAPE_CONFIG, errors: [] });
  });

  it('reads shipshape.config.yaml from the working directory', async () => {
    const dir = folderWith({ 'shipshape.config.yaml': `${HEADER}checks:\n  disabled: [readiness-probe]\n` });
    const loaded = await loadShipshapeConfig({}, dir);
    expect(loaded).toMatchObject({ state: 'file', file: 'shipshape.config.yaml', errors: [] });
    expect(loaded.config.disabledChecks).toEqual(['readiness-probe']);
  });

  it('prefers SHIPSHAPE_CONFIG, relative to the working directory', async () => {
    const dir = folderWith({ 'shipshape.config.yaml': 'not: used\n', 'team.yaml': HEADER });
    expect(await loadShipshapeConfig({ SHIPSHAPE_CONFIG: 'team.yaml' }, dir)).toMatchObject({ state: 'file', file: 'team.yaml' });
  });

  it('falls back to the defaults on a bad file, with errors that name the field and not the server path', async () => {
    const dir = folderWith({ 'bad.yaml': `${HEADER}settings:\n  trustedRegistrys: []\n` });
    const loaded = await loadShipshapeConfig({ SHIPSHAPE_CONFIG: path.join(dir, 'bad.yaml') }, '/');
    expect(loaded.state).toBe('invalid');
    expect(loaded.config).toBe(DEFAULT_SHIPSHAPE_CONFIG);
    expect(loaded.errors).toEqual([
      { path: 'settings.trustedRegistrys', message: 'unknown field (did you mean trustedRegistries?)', line: 4 },
    ]);
    expect(JSON.stringify(loaded)).not.toContain(dir);
  });

  it('says when SHIPSHAPE_CONFIG names a file that is missing or a directory', async () => {
    const dir = folderWith({});
    expect((await loadShipshapeConfig({ SHIPSHAPE_CONFIG: 'gone.yaml' }, dir)).errors[0]?.message).toBe(
      'SHIPSHAPE_CONFIG names gone.yaml, which does not exist',
    );
    expect((await loadShipshapeConfig({ SHIPSHAPE_CONFIG: dir }, '/')).errors[0]?.message).toBe(
      'SHIPSHAPE_CONFIG names a directory, not a file',
    );
  });

  it('refuses a file over the limit, or one that is not a regular file, without reading it (review L6)', async () => {
    const dir = folderWith({ 'huge.yaml': '' });
    // Sparse: 200 MB by size, no disk used. A read would still cost 200 MB of memory.
    truncateSync(path.join(dir, 'huge.yaml'), 200 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const huge = await loadShipshapeConfig({ SHIPSHAPE_CONFIG: 'huge.yaml' }, dir);
    expect(huge.errors[0]?.message).toBe('the file is larger than 256 KiB');
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    // Opening a FIFO for reading would block until a writer comes: the test would time out.
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect((await loadShipshapeConfig({ SHIPSHAPE_CONFIG: 'pipe.yaml' }, dir)).errors[0]?.message).toBe('pipe.yaml is not a regular file');
  });
});
