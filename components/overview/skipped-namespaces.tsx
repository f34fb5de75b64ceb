import type { SkippedNamespace } from '@/lib/checks/evaluate';

const SKIP_LABELS: Record<SkippedNamespace['reason'], string> = {
  system: 'System namespace',
  excluded: 'Excluded',
  hidden: 'Not readable',
};

/** Every namespace left out of the table, with why and how to grade it: nothing is skipped silently. */
export function SkippedNamespaces({ skipped }: { skipped: readonly SkippedNamespace[] }) {
  if (skipped.length === 0) return null;
  return (
    <section aria-labelledby="not-graded" className="mt-6 text-sm">
      <h2 id="not-graded" className="mb-1 font-semibold">
        Not graded
      </h2>
      <ul className="list-disc space-y-0.5 pl-5 text-slate-700 dark:text-slate-300" data-testid="skipped-namespaces">
        {skipped.map((entry) => (
          <li key={entry.namespace} data-namespace={entry.namespace} data-reason={entry.reason}>
            <span className="font-mono">{entry.namespace}</span> — {SKIP_LABELS[entry.reason]}
            {entry.reason === 'hidden' ? '' : `, ${entry.objects} object${entry.objects === 1 ? '' : 's'}`}: {entry.detail}.
          </li>
        ))}
      </ul>
    </section>
  );
}
