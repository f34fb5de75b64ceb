import type { Severity } from '@/lib/checks/types';

const SEVERITY_TEXT: Record<Severity, string> = { blocking: 'Blocking', major: 'Major', minor: 'Minor' };

export function SeverityTag({ severity }: { severity: Severity }) {
  return (
    <span
      className={`rounded border px-1.5 text-xs ${severity === 'blocking' ? 'border-rose-400 font-semibold text-rose-900 dark:border-rose-700 dark:text-rose-200' : 'border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-300'}`}
    >
      {SEVERITY_TEXT[severity]}
    </span>
  );
}
