import { ClusterText } from '@/components/page/cluster-text';
import { SENTENCE_LIMIT } from '@/lib/cluster-text';
import type { KubeconfigProblem } from '@/lib/sources/live/kubeconfig';

/** Kubeconfig files that could not be read; the contexts of the others stay available. */
export function KubeconfigProblems({ problems }: { problems: readonly KubeconfigProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section
      aria-label="Kubeconfig problems"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
    >
      <h2 className="font-semibold">Some kubeconfig files could not be read</h2>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem) => (
          <li key={`${problem.file}-${problem.message}`}>
            <span className="font-mono">
              <ClusterText value={problem.file} />
            </span>
            : <ClusterText value={problem.message} limit={SENTENCE_LIMIT} />. Contexts from the other files are still available.
          </li>
        ))}
      </ul>
    </section>
  );
}
