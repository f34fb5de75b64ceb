import { CopyButton } from '@/components/page/copy-button';
import type { Remediation } from '@/lib/checks/types';

export function FixSnippet({ remediation }: { remediation: Remediation }) {
  return (
    <div>
      <p className="text-sm">{remediation.summary}</p>
      <div className="mt-2 overflow-hidden rounded border border-slate-200 dark:border-slate-700">
        <div className="flex items-center justify-between bg-slate-100 px-3 py-1 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          <span>YAML</span>
          <CopyButton text={remediation.snippet} label="Copy fix" />
        </div>
        <pre className="whitespace-pre-wrap break-words bg-white p-3 font-mono text-xs leading-relaxed text-slate-900 dark:bg-slate-900 dark:text-slate-100">
          <code>{remediation.snippet}</code>
        </pre>
      </div>
    </div>
  );
}
