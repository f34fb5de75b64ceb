import { checkById } from '@/lib/checks/catalog';
import type { ChecklistItem } from '@/lib/checks/types';

/** The failures that block go-live whatever the score, each a jump to its checklist entry. */
export function BlockingFailures({ items }: { items: readonly ChecklistItem[] }) {
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="blocking"
      className="mb-6 rounded-md border border-rose-300 bg-rose-50 p-3 dark:border-rose-800 dark:bg-rose-950"
    >
      <h2 id="blocking" className="font-semibold text-rose-900 dark:text-rose-200">
        Blocking go-live ({items.length})
      </h2>
      <ul className="mt-1 list-disc pl-5 text-sm text-rose-900 dark:text-rose-200">
        {items.map((item) => (
          <li key={item.checkId}>
            <a href={`#${item.checkId}`} className="underline">
              {checkById(item.checkId)?.title}
            </a>{' '}
            — {item.counts.fail} of {item.findings.length} objects
          </li>
        ))}
      </ul>
    </section>
  );
}
