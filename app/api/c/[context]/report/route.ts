/**
 * The cluster report as JSON, for scripts and exports. Thin: validate, call lib/, shape.
 * Secrets are redacted at ingest, so nothing here can carry a Secret's value.
 */
import { NextResponse } from 'next/server';
import { findContext } from '@/lib/pages/route-params';
import { loadContext } from '@/lib/sources/registry';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ context: string }> }) {
  const context = findContext((await params).context);
  if (!context) return NextResponse.json({ error: { kind: 'unknown-context', message: 'No such cluster context.' } }, { status: 404 });
  const result = await loadContext(context.name);
  if (!result.ok) return NextResponse.json({ context: context.name, error: result.error }, { status: 502 });
  const { cluster } = result;
  return NextResponse.json({
    context: cluster.context.name,
    evaluatedAt: cluster.evaluatedAt,
    namespaces: cluster.report.namespaces,
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
  });
}
