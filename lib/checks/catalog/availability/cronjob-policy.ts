import { asKind } from '../../../k8s/objects';
import { failFinding, passFinding } from '../../findings';
import { objectPatchFix } from '../../helpers/fixes';
import type { Check } from '../../types';

/** The CronJob controller looks for due schedules about every 10 seconds; a shorter deadline can skip runs. */
const CONTROLLER_PERIOD_SECONDS = 10;

export const cronjobPolicy: Check = {
  id: 'cronjob-policy',
  title: 'CronJobs set a starting deadline and a concurrency policy',
  principle: 'availability',
  severity: 'minor',
  targets: ['CronJob'],
  reads: ['CronJob'],
  rationale:
    'By default (concurrencyPolicy Allow) a slow run overlaps the next one and runs pile up; without startingDeadlineSeconds a run missed during an outage still starts however late it is, and long outages trip the "too many missed start times" error.',
  remediation: {
    summary:
      'Choose Forbid (skip a run while one is going) or Replace (cancel the old run), and set startingDeadlineSeconds to how late a run may still start.',
    snippet: `apiVersion: batch/v1
kind: CronJob
spec:
  schedule: "0 * * * *"
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 300`,
  },
  docs: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/',
  fixes: true,
  evaluate({ namespace }) {
    return namespace.workloads
      .filter((workload) => workload.kind === 'CronJob')
      .map((workload) => {
        const spec = asKind(workload.object, 'CronJob')?.spec ?? {};
        const deadline = spec.startingDeadlineSeconds;
        const policy = spec.concurrencyPolicy ?? 'Allow';
        // Five minutes: late enough for a busy controller, early enough that a run never starts hours late.
        const fix = objectPatchFix(
          workload.object,
          namespace.name,
          {
            spec: {
              ...(policy === 'Allow' ? { concurrencyPolicy: 'Forbid' } : {}),
              ...(typeof deadline !== 'number' || deadline < CONTROLLER_PERIOD_SECONDS ? { startingDeadlineSeconds: 300 } : {}),
            },
          },
          'Skips a run while the previous one is still going (Replace would stop the old one instead), and drops a run that could not start within five minutes.',
        );
        if (typeof deadline === 'number' && deadline < CONTROLLER_PERIOD_SECONDS) {
          return {
            ...fix,
            ...failFinding(
              workload.object,
              `startingDeadlineSeconds ${deadline} is shorter than the controller's ${CONTROLLER_PERIOD_SECONDS}-second check, so runs may never start`,
            ),
          };
        }
        // The API server defaults concurrencyPolicy to Allow: an explicit Allow is graded the same as none, since
        // both let runs overlap; a team that wants overlap can waive the finding with its reason.
        const problems: string[] = [];
        if (policy === 'Allow') {
          // Worded the same whether Allow was written or defaulted, so a manifest and the live object read alike.
          problems.push('concurrencyPolicy Allow lets a slow run overlap the next');
        }
        if (typeof deadline !== 'number') problems.push('no startingDeadlineSeconds, so a missed run starts however late it is');
        if (problems.length > 0) return { ...failFinding(workload.object, problems.join('; '), 'warn'), ...fix };
        return passFinding(workload.object, `concurrencyPolicy ${policy}, startingDeadlineSeconds ${deadline}`);
      });
  },
};
