/**
 * The cluster report as JSON, for scripts and exports. Thin: validate, call lib/, shape.
 * Secrets are redacted at ingest, so nothing here can carry a Secret's value.
 *
 * GET returns the current report (the same read the pages show); `?namespace=<name>` narrows it
 * to one namespace; `?download=1` adds `Content-Disposition: attachment`, so the dashboard's
 * export link saves a file. POST re-reads the cluster first, at most once per minimum interval, and only
 * when it comes from the dashboard's own origin or from a client that is not a browser.
 */
import { NextResponse } from 'next/server';
import { isDns1123Label } from '@/lib/k8s/objects';
import { isSameOriginRequest } from '@/lib/server/request-guard';
import type { LoadResult } from '@/lib/sources/cluster-source';
import { loadContext } from '@/lib/sources/registry';
import { attachmentDisposition } from '@/lib/web/download';
import { findContext } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ context: string }> };

const NO_STORE = { 'Cache-Control': 'no-store' };

function json(body: unknown, status = 200, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

async function respond(request: Request, { params }: Params, fresh: boolean): Promise<NextResponse> {
  const context = await findContext((await params).context);
  if (!context) return json({ error: { kind: 'unknown-context', message: 'No such cluster context.' } }, 404);
  const query = new URL(request.url).searchParams;
  const namespace = query.get('namespace');
  // Only a good report is saved as a file; an error stays a plain answer the browser shows.
  const download = query.get('download') === '1';
  const result: LoadResult = await loadContext(context.name, { fresh, signal: request.signal });
  const rerun = result.rerun ?? null;
  if (!result.ok) return json({ context: context.name, error: result.error, rerun }, 502);
  const { cluster } = result;
  let namespaces = cluster.report.namespaces;
  if (namespace !== null) {
    namespaces = namespaces.filter((report) => report.namespace === namespace);
    if (namespaces.length === 0) {
      const message = isDns1123Label(namespace)
        ? `Context “${context.name}” has no graded namespace named “${namespace}”.`
        : 'The namespace parameter is not a namespace name (a DNS-1123 label).';
      return json({ context: context.name, error: { kind: 'unknown-namespace', message } }, 404);
    }
  }
  const disposition: Record<string, string> = download
    ? { 'Content-Disposition': attachmentDisposition(cluster.context.name, 'json', namespace ?? undefined) }
    : {};
  return json(
    {
      context: cluster.context.name,
      evaluatedAt: cluster.evaluatedAt,
      ...(fresh ? { rerun } : {}),
      namespaces,
      skipped: cluster.report.skipped,
      kubernetesVersion: cluster.report.kubernetesVersion,
      skippedNamespaces: cluster.report.skippedNamespaces,
      excludedNamespaces: cluster.report.excludedNamespaces,
      rejectedWaivers: cluster.report.rejectedWaivers,
      configuration: cluster.config
        ? { state: cluster.config.state, file: cluster.config.file ?? null, errors: cluster.config.errors }
        : null,
      manifestErrors: cluster.manifestErrors,
      ignoredKinds: cluster.ignoredKinds,
    },
    200,
    disposition,
  );
}

export function GET(request: Request, params: Params): Promise<NextResponse> {
  return respond(request, params, false);
}

/** Re-run: refused with 403 from another site's page, so no cross-site form can make the server re-read a cluster. */
export async function POST(request: Request, params: Params): Promise<NextResponse> {
  const same = isSameOriginRequest({
    host: request.headers.get('host'),
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
  });
  if (!same) return json({ error: { kind: 'cross-origin', message: 'A re-run must come from the dashboard’s own pages.' } }, 403);
  return respond(request, params, true);
}
