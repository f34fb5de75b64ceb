'use client';

import { useId, useState } from 'react';
import { RevealedText } from './revealed-text';

const COUNT = new Intl.NumberFormat('en-US');

/**
 * A long cluster value, cut, with a button that shows the rest in place. The full value (itself
 * capped) travels only in the page's data, not in its HTML, until someone asks for it.
 */
export function ClusterTextExpander({
  preview,
  full,
  length,
  unshown,
}: {
  preview: string;
  full: string;
  length: number;
  unshown: number;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span data-cluster-text-long={length}>
      <span id={id}>
        <RevealedText text={open ? full : preview} />
        {open && unshown === 0 ? null : '…'}
        {open && unshown > 0 ? (
          <span className="text-slate-600 dark:text-slate-400"> ({COUNT.format(unshown)} more characters are too many to show)</span>
        ) : null}
      </span>{' '}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="whitespace-nowrap rounded border border-slate-300 px-1 font-sans text-xs text-sky-800 hover:bg-slate-100 dark:border-slate-600 dark:text-sky-300 dark:hover:bg-slate-800"
      >
        {open ? 'Show less' : `Show all ${COUNT.format(length)} characters`}
      </button>
    </span>
  );
}
