import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CATALOG_CHECK_IDS } from '../catalog';
import { configFileJsonSchema, configFileJsonSchemaText } from './schema';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const read = (name: string) => readFileSync(path.join(ROOT, name), 'utf8');

describe('shipshape.config.schema.json', () => {
  it('is the zod schema as generated now (run `npm run config-schema` after changing the schema or the catalog)', () => {
    // Compared as data: the file is laid out by the formatter, as every JSON file of the repository is.
    expect(JSON.parse(read('shipshape.config.schema.json'))).toEqual(JSON.parse(configFileJsonSchemaText(CATALOG_CHECK_IDS)));
  });

  it('is named by the example file for editors, and accepts it under an established validator', () => {
    const example = read('shipshape.config.example.yaml');
    expect(example).toContain('# yaml-language-server: $schema=./shipshape.config.schema.json\n');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(read('shipshape.config.schema.json')));
    expect(validate(parseYaml(example)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is as strict as the parser: unknown fields, unknown check ids, bad severities and wrong types are refused', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(configFileJsonSchema(CATALOG_CHECK_IDS));
    const base = { apiVersion: 'shipshape.dev/v1', kind: 'ShipshapeConfig' };
    const waiver = { check: 'no-privileged', namespace: 'observability', reason: 'r', approvedBy: 'jane', expires: '2027-03-31' };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, waivers: [{ ...waiver, object: 'DaemonSet/agent' }] })).toBe(true);
    for (const wrong of [
      { ...base, waiver: [] },
      { ...base, settings: { trustedRegistrys: ['a'] } },
      { ...base, settings: { restartWarnThreshold: -1 } },
      { ...base, checks: { disabled: ['no-such-check'] } },
      { ...base, checks: { severity: { 'image-tag-pinned': 'critical' } } },
      { ...base, checks: { severity: { 'image-tag-pined': 'minor' } } },
      { ...base, namespaces: { includeSystem: 'yes' } },
      { ...base, waivers: [{ check: 'no-privileged', namespace: 'observability', approvedBy: 'jane', expires: '2027-03-31' }] },
      { ...base, waivers: [{ ...waiver, expires: '31/03/2027' }] },
      { ...base, waivers: [{ ...waiver, object: 'agent' }] },
      { ...base, kind: 'ConfigMap' },
    ]) {
      expect(validate(wrong), JSON.stringify(wrong)).toBe(false);
    }
  });
});
