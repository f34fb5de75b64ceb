import type { Metadata } from 'next';
import { CheckByNamespace } from '@/components/catalog/check-by-namespace';
import { CheckExplanation } from '@/components/catalog/check-explanation';
import { CheckFacts } from '@/components/catalog/check-facts';
import { ClusterErrorPanel } from '@/components/notices/cluster-error';
import { ClusterText } from '@/components/page/cluster-text';
import { PageHeader } from '@/components/page/page-header';
import { DEFAULT_SHIPSHAPE_CONFIG } from '@/lib/checks/config/parse';
import { effectiveSeverity } from '@/lib/checks/config/policy';
import { loadContext } from '@/lib/sources/registry';
import { hrefs } from '@/lib/web/hrefs';
import { requireCheck, requireContext } from '@/lib/web/route-params';

export const dynamic = 'force-dynamic';

type Params = Promise<{ context: string; checkId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: requireCheck((await params).checkId).title };
}

export default async function CheckPage({ params }: { params: Params }) {
  const raw = await params;
  const context = await requireContext(raw.context);
  const check = requireCheck(raw.checkId);
  const result = await loadContext(context.name);
  const config = (result.ok ? result.cluster.config?.config : undefined) ?? DEFAULT_SHIPSHAPE_CONFIG;

  return (
    <>
      <PageHeader
        crumbs={[
          { href: hrefs.context(context), label: context.label },
          { href: hrefs.checks(context), label: 'Check catalog' },
          { label: check.id },
        ]}
        title={check.title}
      />
      <CheckFacts check={check} config={config} />
      <CheckExplanation check={check} severity={effectiveSeverity(check, config)} />

      <section aria-labelledby="where" className="mt-8">
        <h2 id="where" className="text-lg font-semibold">
          In <ClusterText value={context.label} /> now
        </h2>
        {result.ok ? (
          <CheckByNamespace context={context.name} check={check} reports={result.cluster.report.namespaces} />
        ) : (
          <ClusterErrorPanel error={result.error} />
        )}
      </section>
    </>
  );
}
