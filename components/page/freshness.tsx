import type { Freshness as DataFreshness } from '@/lib/sources/cluster-source';
import { RerunButton } from './rerun-button';

const utc = (iso: string) => `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/**
 * When the view was evaluated, with a way to evaluate it again. A watched live context says how
 * current its data is (the moment every kind was last confirmed by the API server) and, when a
 * watch is broken or silent, that what is shown is the last state read and why.
 */
export function Freshness({
  evaluatedAt,
  context,
  freshness,
}: {
  evaluatedAt: string;
  context: string;
  freshness?: DataFreshness | undefined;
}) {
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        {freshness ? (
          <span>
            {freshness.mode === 'watch' ? 'Evaluated live, as of' : 'Evaluated (re-read periodically), as of'}{' '}
            <time dateTime={freshness.asOf}>{utc(freshness.asOf)}</time>
          </span>
        ) : (
          <span>
            Evaluated <time dateTime={evaluatedAt}>{utc(evaluatedAt)}</time>
          </span>
        )}
        <RerunButton context={context} />
      </div>
      {freshness?.stale ? (
        <p
          role="status"
          className="max-w-md rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          <strong className="font-semibold">Stale:</strong>{' '}
          {freshness.staleReason ?? 'the cluster has not confirmed this state recently; showing the last state read'}.
        </p>
      ) : null}
    </div>
  );
}
