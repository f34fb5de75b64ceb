import { ObservedTag } from '@/components/badges/observed-tag';
import { SeverityTag } from '@/components/badges/severity-tag';
import type { ShipshapeConfig } from '@/lib/checks/config/parse';
import { effectiveSeverity, isCheckDisabled } from '@/lib/checks/config/policy';
import { principleById } from '@/lib/checks/principles';
import type { Check } from '@/lib/checks/types';

/** A check's severity (as configured, and the catalog's when they differ), principle, targets and id. */
export function CheckFacts({ check, config }: { check: Check; config: ShipshapeConfig }) {
  const severity = effectiveSeverity(check, config);
  return (
    <div className="mb-6 flex flex-wrap items-center gap-3 text-sm">
      <SeverityTag severity={severity} />
      {check.basis === 'observed' ? <ObservedTag /> : null}
      {severity !== check.severity ? (
        <span className="text-slate-600 dark:text-slate-400">(set in the configuration file; the catalog says {check.severity})</span>
      ) : null}
      {isCheckDisabled(check.id, config) ? (
        <span className="rounded border border-dashed border-slate-400 px-1.5 text-xs">Disabled in the configuration file</span>
      ) : null}
      <span>
        Principle: <span className="font-medium">{principleById(check.principle).title}</span>
      </span>
      <span>Applies to: {check.targets.join(', ')}</span>
      <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{check.id}</span>
    </div>
  );
}
