import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import { SOURCE_ERROR_TITLES, type SourceError } from '@/lib/sources/source-error';
import { ClusterText } from './cluster-text';

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
      {error.hint ? <p className="mt-1 text-sm text-rose-800 dark:text-rose-300">{error.hint}</p> : null}
    </div>
  );
}
