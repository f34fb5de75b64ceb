import type { ReactNode } from 'react';
import { KubeconfigProblems } from '@/components/notices/kubeconfig-problems';
import { ContextNav } from '@/components/page/context-nav';
import { kubeconfigProblems, listContexts } from '@/lib/sources/registry';
import { requireContext } from '@/lib/web/route-params';

export default async function ContextLayout({ children, params }: { children: ReactNode; params: Promise<{ context: string }> }) {
  const context = await requireContext((await params).context);
  const contexts = await listContexts();
  const problems = await kubeconfigProblems();
  return (
    <div>
      <ContextNav context={context} contexts={contexts} />
      <KubeconfigProblems problems={problems} />
      {children}
    </div>
  );
}
