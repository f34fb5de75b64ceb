/** Marks a live-health check: it reads what the cluster reports now, and never weighs on a grade. */
export function ObservedTag() {
  return (
    <span className="rounded border border-dashed border-slate-400 px-1.5 text-xs text-slate-700 dark:border-slate-500 dark:text-slate-300">
      Observed · not graded
    </span>
  );
}
