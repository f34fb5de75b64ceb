import type { Metadata } from 'next';
import { CatalogSection } from '@/components/catalog/catalog-section';
import { PageHeader } from '@/components/page/page-header';
import { CATALOG } from '@/lib/checks/catalog';
import { DEFAULT_SHIPSHAPE_CONFIG } from '@/lib/checks/config/parse';
import { PRINCIPLES } from '@/lib/checks/principles';
import { loadContext } from '@/lib/sources/registry';
import { hrefs } from '@/lib/web/hrefs';
import { requireContext } from '@/lib/web/route-params';

export const metadata: Metadata = { title: 'Check catalog' };

export default async function CatalogPage({ params }: { params: Promise<{ context: string }> }) {
  const context = await requireContext((await params).context);
  // Severities and disabled checks as the configuration file sets them for this dashboard.
  const result = await loadContext(context.name);
  const config = (result.ok ? result.cluster.config?.config : undefined) ?? DEFAULT_SHIPSHAPE_CONFIG;
  return (
    <>
      <PageHeader
        crumbs={[{ href: hrefs.context(context), label: context.label }, { label: 'Check catalog' }]}
        title={`Check catalog (${CATALOG.length} checks)`}
      />
      {PRINCIPLES.map((principle) => (
        <CatalogSection
          key={principle.id}
          context={context.name}
          principle={principle}
          checks={CATALOG.filter((check) => check.principle === principle.id)}
          config={config}
        />
      ))}
    </>
  );
}
