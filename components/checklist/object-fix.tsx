import { CopyButton } from '@/components/page/copy-button';
import { fixCommand, fixYaml, fixYamlLabel } from '@/lib/checks/fixes/render';
import type { ObjectFix } from '@/lib/checks/types';
import { visibleText } from '@/lib/cluster-text';

/**
 * A finding's fix for its own object: the kubectl line and the YAML, with the object's real
 * names. Names come from the cluster: shown with invisible characters as markers (React escapes
 * the rest); the copy buttons copy the command as rendered, whose every name is shell-quoted.
 * `paper`: open, without buttons, and only the command (or, for a change to make in a manifest,
 * the YAML), so a cluster report stays a document one can print.
 */
export function ObjectFixView({ fix, paper = false }: { fix: ObjectFix; paper?: boolean }) {
  const command = fixCommand(fix);
  const yaml = fixYaml(fix);
  const block =
    'whitespace-pre-wrap break-all bg-white p-2 font-mono text-xs leading-snug text-slate-900 print:text-black dark:bg-slate-900 dark:text-slate-100';
  const body = (
    <div className="mt-1 space-y-1" data-object-fix={fix.type}>
      <p className="text-xs text-slate-700 print:text-black dark:text-slate-300">{visibleText(fix.note)}</p>
      {command ? (
        <div className="overflow-hidden rounded border border-slate-200 print:border-slate-400 dark:border-slate-700">
          <div className="flex items-center justify-between bg-slate-100 px-2 py-0.5 text-xs text-slate-700 print:bg-white print:text-black dark:bg-slate-800 dark:text-slate-300">
            <span>kubectl</span>
            {paper ? null : <CopyButton text={command} label="Copy command" />}
          </div>
          <pre className={block}>
            <code data-fix-command="">{visibleText(command)}</code>
          </pre>
        </div>
      ) : null}
      {paper && command ? null : (
        <div className="overflow-hidden rounded border border-slate-200 print:border-slate-400 dark:border-slate-700">
          <div className="flex items-center justify-between bg-slate-100 px-2 py-0.5 text-xs text-slate-700 print:bg-white print:text-black dark:bg-slate-800 dark:text-slate-300">
            <span>{visibleText(fixYamlLabel(fix))}</span>
            {paper ? null : <CopyButton text={yaml} label="Copy YAML" />}
          </div>
          <pre className={block}>
            <code>{visibleText(yaml)}</code>
          </pre>
        </div>
      )}
    </div>
  );
  if (paper)
    return (
      <div className="mt-1 break-inside-avoid">
        <p className="text-xs font-semibold">Fix for this object</p>
        {body}
      </div>
    );
  return (
    <details className="mt-1" data-fix-for={`${fix.type === 'patch' ? fix.target.kind : 'new'}`}>
      <summary className="cursor-pointer text-xs font-semibold text-sky-800 dark:text-sky-300">Fix for this object</summary>
      {body}
    </details>
  );
}
