import Link from 'next/link';
import { VERDICT_LABELS } from '@/lib/checks/scoring';
import { hrefs, type OverviewFilters } from '@/lib/web/hrefs';
import { OVERVIEW_SORTS } from '@/lib/web/overview-page';
import { NAMESPACE_SEARCH_LIMIT, OVERVIEW_GRADES, OVERVIEW_VERDICTS } from '@/lib/web/route-params';

/**
 * The overview's filters and sort as a GET form: the state lives in the URL, and it works without
 * JavaScript. Applying starts again at the first page (the form carries no page number).
 */
export function FilterForm({ context, filters }: { context: string; filters: OverviewFilters }) {
  const overview = hrefs.context(context);
  return (
    <form method="get" action={overview} className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter namespaces">
      <FilterSelect
        name="verdict"
        label="Verdict"
        value={filters.verdict}
        options={OVERVIEW_VERDICTS.map((verdict) => ({ value: verdict, label: VERDICT_LABELS[verdict] }))}
      />
      <FilterSelect
        name="grade"
        label="Grade"
        value={filters.grade}
        options={OVERVIEW_GRADES.map((grade) => ({ value: grade, label: grade }))}
      />
      <label className="flex flex-col gap-1">
        <span className="text-slate-700 dark:text-slate-300">Namespace contains</span>
        <input
          name="q"
          defaultValue={filters.q ?? ''}
          maxLength={NAMESPACE_SEARCH_LIMIT}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      <FilterSelect name="sort" label="Sort" value={filters.sort ?? 'verdict'} options={[...OVERVIEW_SORTS]} any={false} />
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-white dark:bg-slate-100 dark:text-slate-900">
        Apply
      </button>
      {filters.verdict || filters.grade || filters.q || filters.sort ? (
        <Link href={overview} className="py-1.5 underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
  any = true,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  /** Offer "Any" (no filter) first; a sort has no such choice. */
  any?: boolean;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-slate-700 dark:text-slate-300">{label}</span>
      <select
        name={name}
        defaultValue={value ?? ''}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      >
        {any ? <option value="">Any</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
