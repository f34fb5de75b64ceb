/**
 * Writes schemas/report.schema.json, the JSON Schema of `shipshape audit --format json`, from the
 * zod schema in lib/report/model.ts. A test fails when the file is out of step: run
 * `npm run report-schema` after changing the report model.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportJsonSchemaText } from '../lib/report/json';

const file = path.join(import.meta.dirname, '..', 'schemas', 'report.schema.json');
writeFileSync(file, reportJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
