/**
 * The JSON report: the report document as it is, validated against its own schema on the way
 * out (a renderer bug is an error here, not a file a pipeline trusts), with `$schema` naming the
 * schema shipped in the repository.
 */
import { z } from 'zod';
import { REPORT_SCHEMA_VERSION, type ReportDocument, ReportDocumentSchema } from './model';

export const REPORT_SCHEMA_FILE = 'schemas/report.schema.json';

export function renderJsonReport(document: ReportDocument): string {
  const checked = ReportDocumentSchema.parse({ $schema: REPORT_SCHEMA_FILE, ...document });
  return `${JSON.stringify(checked, null, 2)}\n`;
}

/** The JSON Schema of the report (draft 7, what editors and ajv read). */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(ReportDocumentSchema, { target: 'draft-7' }), null, 2)}\n`;
}

/** A JSON report read back (a `--baseline`): parsed against the same schema, so a wrong file is one clear error. */
export function parseJsonReport(text: string): { ok: true; document: ReportDocument } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'not JSON' };
  }
  const parsed = ReportDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `not a Shipshape JSON report (schemaVersion ${REPORT_SCHEMA_VERSION}): ${issue?.path.join('.') || 'document'}: ${issue?.message}`,
    };
  }
  return { ok: true, document: parsed.data };
}
