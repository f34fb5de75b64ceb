'use client';

import { useActionState } from 'react';
import { rerunChecks } from '@/lib/web/rerun-action';
import { describeRerun, type RerunState } from '@/lib/web/rerun-state';

const IDLE: RerunState = { status: 'idle' };

/** A POST form, so re-reading a cluster takes a deliberate, same-origin click. Works without JavaScript too. */
export function RerunButton({ context }: { context: string }) {
  const [state, action, pending] = useActionState(rerunChecks, IDLE);
  const message = describeRerun(state);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="context" value={context} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-slate-800 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        {pending ? 'Re-running…' : 'Re-run checks'}
      </button>
      <span
        role="status"
        data-rerun={state.status}
        data-next-allowed-at={'nextAllowedAt' in state ? state.nextAllowedAt : undefined}
        className={message ? undefined : 'sr-only'}
      >
        {message}
      </span>
    </form>
  );
}
