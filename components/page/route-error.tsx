'use client';

/**
 * Last-resort error boundary for a route segment. The message is generic on purpose: server
 * errors stay in the server log, and other views keep working.
 */
export function RouteError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-4 dark:border-rose-800 dark:bg-rose-950">
      <h2 className="font-semibold">This view could not be built</h2>
      <p className="mt-1 text-sm">Something unexpected went wrong while grading this cluster. Other views keep working.</p>
      <button type="button" onClick={reset} className="mt-3 rounded border border-rose-400 px-3 py-1 text-sm">
        Try again
      </button>
    </div>
  );
}
