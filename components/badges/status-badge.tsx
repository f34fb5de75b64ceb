import type { CheckStatus } from '@/lib/checks/types';

const STATUS_STYLE: Record<CheckStatus, { word: string; className: string; icon: string }> = {
  pass: {
    word: 'Pass',
    className: 'bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800',
    icon: 'M5 12l5 5L20 7',
  },
  warn: {
    word: 'Warn',
    className: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
    icon: 'M12 8v5m0 3.5v.5M10.3 3.9L2.5 18a2 2 0 001.7 3h15.6a2 2 0 001.7-3L13.7 3.9a2 2 0 00-3.4 0z',
  },
  fail: {
    word: 'Fail',
    className: 'bg-rose-100 text-rose-900 ring-rose-300 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-800',
    icon: 'M6 6l12 12M18 6L6 18',
  },
  waived: {
    word: 'Waived',
    className: 'bg-violet-100 text-violet-900 ring-violet-300 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800',
    icon: 'M4 12h16M12 4v16',
  },
  'not-evaluated': {
    word: 'N/A',
    className: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600',
    icon: 'M8 12h8',
  },
};

export function statusWord(status: CheckStatus): string {
  return STATUS_STYLE[status].word;
}

/** Status by icon and word, never by colour alone. */
export function StatusBadge({ status, label }: { status: CheckStatus; label?: string }) {
  const style = STATUS_STYLE[status];
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${style.className}`}
      data-status={status}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.5">
        <path d={style.icon} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {label ?? style.word}
    </span>
  );
}
