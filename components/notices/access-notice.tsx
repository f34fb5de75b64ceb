import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import type { AccessGap } from '@/lib/inventory';

/** Group gaps into lines like "Secrets — forbidden in payments, storefront". */
function describeGaps(gaps: readonly AccessGap[]): { kind: string; reason: AccessGap['reason']; where: string; message: string }[] {
  const groups = new Map<string, { kind: string; reason: AccessGap['reason']; namespaces: string[]; message: string }>();
  for (const gap of gaps) {
    const key = `${gap.kind}|${gap.reason}|${gap.namespace === undefined ? 'cluster' : 'ns'}`;
    const group = groups.get(key) ?? { kind: gap.kind, reason: gap.reason, namespaces: [], message: gap.message };
    if (gap.namespace) group.namespaces.push(gap.namespace);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({
    kind: group.kind,
    reason: group.reason,
    where: group.namespaces.length > 0 ? `in ${group.namespaces.sort().join(', ')}` : 'cluster-wide',
    message: group.message,
  }));
}

/**
 * What could not be read, so partial results are never mistaken for complete ones. On the
 * overview it lists every gap and the namespaces left out; on a checklist, that namespace's.
 */
export function AccessNotice({ gaps, hiddenNamespaces = [] }: { gaps: readonly AccessGap[]; hiddenNamespaces?: readonly string[] }) {
  if (gaps.length === 0 && hiddenNamespaces.length === 0) return null;
  const lines = describeGaps(gaps);
  return (
    <section
      aria-label="Partial access"
      data-testid="access-notice"
      className="mb-4 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="font-semibold">Partial results: some resources could not be read</h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        Checks that need them are marked “Not evaluated” and count neither for nor against the score; none of them is shown as passing.
      </p>
      {lines.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {lines.map((line) => (
            <li key={`${line.kind}-${line.reason}-${line.where}`} data-gap-kind={line.kind}>
              <span className="font-medium">{line.kind}</span> — {line.reason === 'forbidden' ? 'access denied' : 'unavailable'}{' '}
              <ClusterText value={line.where} limit={SENTENCE_LIMIT} />
              {line.reason === 'unavailable' ? (
                <span className="text-slate-600 dark:text-slate-400">
                  {' '}
                  (<ClusterText value={line.message} limit={SENTENCE_LIMIT} />)
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {hiddenNamespaces.length > 0 ? (
        <p className="mt-2" data-testid="hidden-namespaces">
          Not shown, because nothing in them could be read with these credentials: {hiddenNamespaces.length} namespace
          {hiddenNamespaces.length === 1 ? '' : 's'} (<ClusterText value={hiddenNamespaces.join(', ')} limit={SENTENCE_LIMIT} />
          ).
        </p>
      ) : null}
    </section>
  );
}
