import { FixSnippet } from '@/components/checklist/fix-snippet';
import { SEVERITY_WEIGHTS } from '@/lib/checks/scoring';
import type { Check, Severity } from '@/lib/checks/types';

/** Why a check matters (and how much it weighs), its documentation, and how to fix a failure. */
export function CheckExplanation({ check, severity }: { check: Check; severity: Severity }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="why">
        <h2 id="why" className="text-lg font-semibold">
          Why it matters
        </h2>
        <p className="mt-1">{check.rationale}</p>
        <p className="mt-2 text-sm">
          {severity === 'blocking'
            ? 'Blocking: a failure here makes the namespace “Not ready” whatever its score.'
            : `Counts toward the score with weight ${SEVERITY_WEIGHTS[severity]}; it does not block go-live on its own.`}
        </p>
        <p className="mt-2 text-sm">
          <a href={check.docs} className="text-sky-800 underline dark:text-sky-300" rel="noreferrer" target="_blank">
            Kubernetes documentation
          </a>
        </p>
      </section>
      <section aria-labelledby="fix">
        <h2 id="fix" className="text-lg font-semibold">
          How to fix
        </h2>
        <div className="mt-1">
          <FixSnippet remediation={check.remediation} />
        </div>
      </section>
    </div>
  );
}
