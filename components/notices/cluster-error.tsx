import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { SOURCE_ERROR_TITLES, type SourceError } from '@/lib/sources/source-error';

/** A hint with its `settings` and kubeconfig keys set as code, so they can be copied exactly. */
function HintText({ hint }: { hint: string }) {
  return hint.split('`').map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence, never reordered
      <code key={index} className="rounded bg-rose-100 px-1 font-mono text-[0.85em] dark:bg-rose-900">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

/** A typed source error, with its cause and what it affected, in place of the page body. */
export function ClusterErrorPanel({ error }: { error: SourceError }) {
  return (
    <div
      role="alert"
      className="rounded-md border border-rose-300 bg-rose-50 p-4 dark:border-rose-800 dark:bg-rose-950"
      data-error-kind={error.kind}
    >
      <h2 className="font-semibold text-rose-900 dark:text-rose-200">{SOURCE_ERROR_TITLES[error.kind]}</h2>
      <p className="mt-1 text-sm text-rose-900 dark:text-rose-200">
        <ClusterText value={error.message} limit={SENTENCE_LIMIT} />
      </p>
      {error.hint ? (
        <p className="mt-1 text-sm text-rose-800 dark:text-rose-300">
          <HintText hint={error.hint} />
        </p>
      ) : null}
    </div>
  );
}
