import { ConfigNotice } from '@/components/notices/config-notice';
import type { TargetVersion } from '@/lib/checks/evaluate';
import { SCORE_FORMULA, VERDICT_RULE } from '@/lib/checks/scoring';
import type { LoadedConfig } from '@/lib/sources/config-loader';

const TARGET_SOURCE: Record<TargetVersion['source'], string> = {
  configuration: 'set by settings.kubernetesVersion in the configuration file',
  server: 'the API server’s own version',
  default: 'the default; settings.kubernetesVersion in the configuration file changes it',
};

function targetVersionText({ version, source }: TargetVersion): string {
  return `API versions are judged against Kubernetes ${version} (${TARGET_SOURCE[source]}).`;
}

/**
 * How the grades were made: the score formula, the verdict rule, the Kubernetes version API
 * versions are judged against, and the configuration (an invalid one is shown at the top instead).
 */
export function GradingNotes({ kubernetesVersion, config }: { kubernetesVersion: TargetVersion; config: LoadedConfig | undefined }) {
  return (
    <div className="mt-4 space-y-1 text-xs text-slate-600 dark:text-slate-400">
      <p>{SCORE_FORMULA}</p>
      <p>{VERDICT_RULE}</p>
      <p>{targetVersionText(kubernetesVersion)}</p>
      {config?.state !== 'invalid' ? <ConfigNotice loaded={config} /> : null}
    </div>
  );
}
