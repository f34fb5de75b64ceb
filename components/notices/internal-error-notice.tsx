import { checkById } from '@/lib/checks/catalog';
import type { ChecklistItem } from '@/lib/checks/types';

/** Checks that threw on this namespace: partial results with no access gap behind them, so say so. */
export function InternalErrorNotice({ items }: { items: readonly ChecklistItem[] }) {
  const failed = items.filter((item) => item.reason === 'internal-error');
  if (failed.length === 0) return null;
  return (
    <section
      aria-label="Checks that failed"
      data-testid="internal-error-notice"
      className="mb-4 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="font-semibold">
        Partial results: {failed.length} check{failed.length === 1 ? '' : 's'} failed while running
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        {failed.map((item) => checkById(item.checkId)?.title ?? item.checkId).join(', ')}. They are marked “Not evaluated” and count neither
        for nor against the score; the error is logged on the server.
      </p>
    </section>
  );
}
