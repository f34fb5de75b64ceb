/**
 * The report as a file in one of the pipeline formats (schema'd JSON, SARIF, JUnit, Markdown),
 * for the cluster or `?namespace=<name>`: the same cached read the pages show, rendered by
 * lib/report. Thin: validate, call lib/, shape. Secrets are redacted at ingest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NextResponse } from 'next/server';
import { buildReport } from '@/lib/report/model';
import { reportFormat } from '@/lib/report/renderers';
import { reportSignOff } from '@/lib/report/sign-off';
import { locationKey } from '@/lib/snapshot/object-locations';
import { loadContext } from '@/lib/sources/registry';
import { attachmentDisposition } from '@/lib/web/download';
import { latestSignOffs } from '@/lib/web/namespace-reviews';
import { findContext } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

// The version of the Shipshape that graded, as the CLI reports it.
const TOOL_VERSION = (
  JSON.parse(readFileSync(/*turbopackIgnore: true*/ path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
).version;

function problem(status: number, kind: string, message: string): NextResponse {
  return NextResponse.json({ error: { kind, message } }, { status, headers: NO_STORE });
}

export async function GET(request: Request, { params }: { params: Promise<{ context: string; format: string }> }) {
  const { context: contextParam, format: formatParam } = await params;
  const context = await findContext(contextParam);
  if (!context) return problem(404, 'unknown-context', 'No such cluster context.');
  const format = reportFormat(formatParam);
  if (!format) return problem(404, 'unknown-format', 'Formats: json, sarif, junit, markdown.');
  const namespace = new URL(request.url).searchParams.get('namespace') ?? undefined;
  const result = await loadContext(context.name, { signal: request.signal });
  if (!result.ok) return problem(502, result.error.kind, result.error.message);
  const { cluster } = result;
  if (namespace !== undefined && !cluster.report.namespaces.some((report) => report.namespace === namespace))
    return problem(404, 'unknown-namespace', `Context “${context.name}” has no graded namespace by that name.`);
  // Each namespace's last go-live sign-off and what moved since, as the printable report shows them.
  const signed = latestSignOffs(cluster, namespace === undefined ? undefined : [namespace]);
  const signOffs = new Map([...signed].map(([name, { review, since }]) => [name, reportSignOff(review, since)]));
  const document = buildReport({
    report: cluster.report,
    toolVersion: TOOL_VERSION,
    evaluatedAt: cluster.evaluatedAt,
    source: { kind: cluster.context.kind, context: cluster.context.name },
    configFile: cluster.config?.state === 'file' ? cluster.config.file : undefined,
    manifestErrors: cluster.manifestErrors,
    ignoredKinds: cluster.ignoredKinds,
    signOffs,
    ...(namespace !== undefined ? { namespaces: [namespace] } : {}),
    // Snapshot objects keep their file and line (relative to the snapshot folder); fields are not re-read on the request path.
    ...(cluster.locations
      ? { locate: (object, field) => (field ? undefined : cluster.locations?.[locationKey(object.kind, object.namespace, object.name)]) }
      : {}),
  });
  return new NextResponse(format.render(document), {
    headers: {
      ...NO_STORE,
      'Content-Type': format.contentType,
      'Content-Disposition': attachmentDisposition(context.name, format.extension, namespace),
    },
  });
}
