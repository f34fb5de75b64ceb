import { Fragment } from 'react';
import { revealInvisible } from '@/lib/cluster-text';

/**
 * Cluster text, isolated from the text around it (`<bdi>`), with each invisible character shown as
 * a marker such as ⟨U+202E⟩ in its place. Used on the server and in the expander alike.
 */
export function RevealedText({ text }: { text: string }) {
  const segments = revealInvisible(text);
  return (
    <bdi data-cluster-text="">
      {segments.map((segment, index) =>
        segment.kind === 'text' ? (
          // Segments never move, so their position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Fragment key={index}>{segment.text}</Fragment>
        ) : (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            data-invisible={segment.codePoint.toString(16)}
            className="mx-px rounded-sm bg-amber-100 px-0.5 font-mono text-[0.85em] text-amber-950 dark:bg-amber-900 dark:text-amber-50"
          >
            {segment.text}
          </span>
        ),
      )}
    </bdi>
  );
}
