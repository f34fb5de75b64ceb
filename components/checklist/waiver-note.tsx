import { ClusterText } from '@/components/page/cluster-text';
import type { WaiverNote } from '@/lib/checks/types';
import type { RejectedWaiver } from '@/lib/checks/waivers/validate';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';

/**
 * The waiver behind a finding: in force (reason, approver, expiry) or expired (the finding counts
 * again). Waiver text is cluster or configuration data: rendered as text only.
 */
export function WaiverNoteText({ note }: { note: WaiverNote }) {
  const expired = note.state === 'expired';
  return (
    <span
      className={`mt-0.5 block text-xs ${expired ? 'text-rose-900 dark:text-rose-200' : 'text-violet-900 dark:text-violet-200'}`}
      data-waiver={note.state}
    >
      <span className="font-semibold">{expired ? `Waiver expired on ${note.expires}` : `Waived until ${note.expires}`}</span>
      {expired ? '; the finding counts again. It was' : ''} approved by{' '}
      <span className="font-medium">
        <ClusterText value={note.approvedBy} />
      </span>
      :{' '}
      <q>
        <ClusterText value={note.reason} limit={SENTENCE_LIMIT} />
      </q>{' '}
      <span className="text-slate-600 dark:text-slate-400">
        (<ClusterText value={note.source} limit={SENTENCE_LIMIT} />)
      </span>
    </span>
  );
}

/** Waivers that were not accepted, and why; they waive nothing until fixed. */
export function RejectedWaiverList({ rejected, title = 'Rejected waivers' }: { rejected: readonly RejectedWaiver[]; title?: string }) {
  if (rejected.length === 0) return null;
  return (
    <section
      aria-label={title}
      className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
      data-rejected-waivers={rejected.length}
    >
      <h2 className="font-semibold">
        {title} ({rejected.length})
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        These waivers waive nothing: each needs a check id Shipshape knows, a reason, an approver and an expiry date written YYYY-MM-DD.
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {rejected.map((entry) => (
          <li key={entry.message} className="break-words">
            <ClusterText value={entry.message} limit={SENTENCE_LIMIT} />
          </li>
        ))}
      </ul>
    </section>
  );
}
