import Link from 'next/link';
import { hrefs } from '@/lib/web/hrefs';
import type { SignOffMark } from '@/lib/web/namespace-reviews';

export type { SignOffMark };

/** "Signed off" or "Sign-off no longer holds", in words, linking to the namespace's sign-off panel. */
export function SignOffMarker({ context, namespace, mark }: { context: string; namespace: string; mark: SignOffMark | undefined }) {
  if (!mark) return null;
  return (
    <Link
      href={hrefs.namespace(context, namespace, { anchor: 'sign-off-heading' })}
      data-sign-off-holds={mark.holds}
      className={`ml-2 inline-block rounded border px-1.5 text-xs font-normal underline-offset-2 hover:underline ${
        mark.holds ? 'border-emerald-600 text-emerald-900 dark:text-emerald-200' : 'border-rose-600 text-rose-900 dark:text-rose-200'
      }`}
    >
      {mark.holds ? 'Signed off' : 'Sign-off no longer holds'}
    </Link>
  );
}
