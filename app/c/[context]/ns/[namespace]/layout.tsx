import type { ReactNode } from 'react';
import { loadNamespaceReport } from '@/lib/web/namespace-report';

/**
 * Validates the namespace before the page's loading boundary, so a bad or unknown name is a
 * real 404 rather than a streamed "not found" with status 200.
 */
export default async function NamespaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ context: string; namespace: string }>;
}) {
  const { context, namespace } = await params;
  await loadNamespaceReport(context, namespace);
  return children;
}
