/** Shown while a segment reads the cluster and runs the checks. */
export function RouteLoading() {
  return (
    <p role="status" className="py-12 text-center text-slate-600 dark:text-slate-400">
      Reading the cluster and running checks…
    </p>
  );
}
