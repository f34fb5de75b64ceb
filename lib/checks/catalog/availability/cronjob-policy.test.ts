import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../check-testing';
import { cronjobPolicy } from './cronjob-policy';

function cronJob(fields: string) {
  return `apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: fixture }
spec:
  schedule: "0 * * * *"
${fields}  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{ name: report, image: gcr.io/distroless/static:nonroot }]
`;
}

const findings = (fields: string) => findingsFor(cronjobPolicy, cronJob(fields));

describe('cronjob-policy', () => {
  it('grades an absent concurrencyPolicy exactly like the Allow the API server fills in', () => {
    const live = '  concurrencyPolicy: Allow\n  suspend: false\n  successfulJobsHistoryLimit: 3\n  failedJobsHistoryLimit: 1\n';
    expect(findings('')).toEqual(findings(live));
    expect(findings('')[0]).toMatchObject({
      status: 'warn',
      message:
        'concurrencyPolicy Allow lets a slow run overlap the next; no startingDeadlineSeconds, so a missed run starts however late it is',
    });
  });

  it('passes Forbid or Replace with a deadline, and warns on either half missing', () => {
    expect(findings('  concurrencyPolicy: Replace\n  startingDeadlineSeconds: 120\n')[0]?.status).toBe('pass');
    expect(findings('  concurrencyPolicy: Forbid\n')[0]?.status).toBe('warn');
    expect(findings('  startingDeadlineSeconds: 120\n')[0]?.status).toBe('warn');
  });

  it('fails a deadline shorter than the controller checks', () => {
    expect(findings('  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 9\n')[0]?.status).toBe('fail');
    expect(findings('  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 10\n')[0]?.status).toBe('pass');
  });
});
