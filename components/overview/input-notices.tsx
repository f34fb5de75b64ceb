import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';

/** Manifest files that could not be read and kinds that were ignored: what the grade did not see. */
export function InputNotices({
  cluster,
}: {
  cluster: { manifestErrors: { file: string; message: string }[]; ignoredKinds: Record<string, number> };
}) {
  const ignored = Object.entries(cluster.ignoredKinds);
  if (cluster.manifestErrors.length === 0 && ignored.length === 0) return null;
  return (
    <section
      aria-label="Input notices"
      className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
    >
      {cluster.manifestErrors.length > 0 ? (
        <>
          <h2 className="font-semibold">Files that could not be read</h2>
          <ul className="mt-1 list-disc pl-5">
            {cluster.manifestErrors.map((error) => (
              <li key={`${error.file}:${error.message}`}>
                <span className="font-mono">
                  <ClusterText value={error.file} />
                </span>
                : <ClusterText value={error.message} limit={SENTENCE_LIMIT} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ignored.length > 0 ? (
        <p className="mt-1">
          Kinds not graded and ignored:{' '}
          <ClusterText value={ignored.map(([kind, count]) => `${kind} (${count})`).join(', ')} limit={SENTENCE_LIMIT} />.
        </p>
      ) : null}
    </section>
  );
}
