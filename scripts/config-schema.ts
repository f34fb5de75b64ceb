/**
 * Writes shipshape.config.schema.json, the configuration file's JSON Schema for editors
 * (yaml-language-server reads it from the `# yaml-language-server: $schema=` line of
 * shipshape.config.example.yaml), from the zod schema in lib/checks/config/schema.ts.
 * A test fails when the file is out of step: run `npm run config-schema` after changing the
 * schema or the catalog.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG_CHECK_IDS } from '../lib/checks/catalog';
import { configFileJsonSchemaText } from '../lib/checks/config/schema';

const file = path.join(import.meta.dirname, '..', 'shipshape.config.schema.json');
writeFileSync(file, configFileJsonSchemaText(CATALOG_CHECK_IDS));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
