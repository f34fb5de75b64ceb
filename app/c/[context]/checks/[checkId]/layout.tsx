import type { ReactNode } from 'react';
import { requireCheck } from '@/lib/web/route-params';

/** Validates the check id outside the page's loading boundary, so an unknown id is a real 404. */
export default async function CheckLayout({ children, params }: { children: ReactNode; params: Promise<{ checkId: string }> }) {
  requireCheck((await params).checkId);
  return children;
}
