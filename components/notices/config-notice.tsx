import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import type { LoadedConfig } from '@/lib/sources/config-loader';

/**
 * Which configuration graded the cluster. A file with errors is not applied: the errors are listed
 * by field and the page says the defaults were used, so nobody mistakes them for the team's settings.
 */
export function ConfigNotice({ loaded }: { loaded: LoadedConfig | undefined }) {
  if (!loaded) return null;
  if (loaded.state === 'invalid') {
    return (
      <section
        role="alert"
        aria-labelledby="config-errors"
        className="mb-6 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm dark:border-rose-800 dark:bg-rose-950"
        data-config-state="invalid"
      >
        <h2 id="config-errors" className="font-semibold text-rose-900 dark:text-rose-200">
          Configuration file{' '}
          {loaded.file ? (
            <span className="font-mono">
              <ClusterText value={loaded.file} expandable={false} />
            </span>
          ) : null}{' '}
          has errors: grading uses the defaults
        </h2>
        <ul className="mt-1 list-disc pl-5 text-rose-900 dark:text-rose-200">
          {loaded.errors.map((error) => (
            <li key={`${error.path}:${error.line ?? ''}:${error.message}`} className="break-words">
              <span className="font-mono">
                <ClusterText value={error.path} />
              </span>
              {error.line ? ` (line ${error.line})` : ''}: <ClusterText value={error.message} limit={SENTENCE_LIMIT} />
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-config-state={loaded.state}>
      {loaded.state === 'file' ? (
        <>
          Configuration:{' '}
          <span className="font-mono">
            <ClusterText value={loaded.file ?? ''} />
          </span>
          .
        </>
      ) : (
        'Configuration: the defaults (no shipshape.config.yaml).'
      )}
    </p>
  );
}
