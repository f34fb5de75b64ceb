import Link from 'next/link';

/** When the view was evaluated, with a way to evaluate it again. */
export function Freshness({ evaluatedAt, rerunHref }: { evaluatedAt: string; rerunHref: string }) {
  const when = new Date(evaluatedAt);
  return (
    <p className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
      <span>
        Evaluated <time dateTime={evaluatedAt}>{when.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
      </span>
      <Link
        href={rerunHref}
        prefetch={false}
        className="rounded border border-slate-300 px-2 py-1 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        Re-run checks
      </Link>
    </p>
  );
}
