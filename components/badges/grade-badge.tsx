import type { Score, Verdict } from '@/lib/checks/scoring';
import { VERDICT_LABELS } from '@/lib/checks/scoring';

const GRADE_STYLE: Record<string, string> = {
  A: 'bg-emerald-700 text-white',
  B: 'bg-lime-700 text-white',
  C: 'bg-amber-600 text-black',
  D: 'bg-orange-700 text-white',
  F: 'bg-rose-700 text-white',
  'N/A': 'bg-slate-400 text-black dark:bg-slate-600 dark:text-white',
};

/** Grade letter with its score; "N/A" when nothing could be graded. */
export function GradeBadge({ score, size = 'md' }: { score: Score; size?: 'md' | 'lg' }) {
  const grade = score.grade ?? 'N/A';
  const box = size === 'lg' ? 'h-14 w-14 text-2xl' : 'h-9 w-9 text-base';
  return (
    <span className="inline-flex items-center gap-2">
      <span
        className={`inline-flex items-center justify-center rounded-md font-bold ${box} ${GRADE_STYLE[grade]}`}
        role="img"
        aria-label={`Grade ${grade}`}
      >
        {grade}
      </span>
      <span className="tabular-nums text-sm text-slate-700 dark:text-slate-300">
        {score.value === null ? 'N/A' : `${score.value} / 100`}
      </span>
    </span>
  );
}

const VERDICT_STYLE: Record<Verdict, { className: string; icon: string }> = {
  ready: { className: 'text-emerald-800 dark:text-emerald-300', icon: 'M5 12l5 5L20 7' },
  'ready-with-risks': { className: 'text-amber-800 dark:text-amber-300', icon: 'M12 8v5m0 3.5v.5' },
  incomplete: { className: 'text-slate-700 dark:text-slate-300', icon: 'M12 8v4m0 4h.01M12 3a9 9 0 100 18 9 9 0 000-18z' },
  'not-ready': { className: 'text-rose-800 dark:text-rose-300', icon: 'M6 6l12 12M18 6L6 18' },
  'not-graded': { className: 'text-slate-600 dark:text-slate-400', icon: 'M8 12h8' },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const style = VERDICT_STYLE[verdict];
  return (
    <span className={`inline-flex items-center gap-1 text-sm font-semibold ${style.className}`} data-verdict={verdict}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
        <path d={style.icon} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}
