import { RerunButton } from './rerun-button';

/** When the view was evaluated, with a way to evaluate it again. */
export function Freshness({ evaluatedAt, context }: { evaluatedAt: string; context: string }) {
  const when = new Date(evaluatedAt);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
      <span>
        Evaluated <time dateTime={evaluatedAt}>{when.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
      </span>
      <RerunButton context={context} />
    </div>
  );
}
