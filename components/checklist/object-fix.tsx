import { CopyButton } from '@/components/page/copy-button';
import { fixCommand, fixYaml, fixYamlLabel } from '@/lib/checks/fixes/render';
import type { ObjectFix } from '@/lib/checks/types';
import { visibleText } from '@/lib/cluster-text';

const BLOCK =
  'mt-1 whitespace-pre-wrap break-all rounded border border-slate-200 bg-white p-2 font-mono text-xs leading-snug text-slate-900 print:border-slate-400 print:text-black dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/**
 * A finding's fix for its own object: the kubectl line and the YAML, with the object's real
 * names. Names come from the cluster: shown with invisible characters as markers (React escapes
 * the rest); the copy button copies the command as rendered, whose every name is shell-quoted.
 * Closed until asked, and light (one copy button): a namespace page lists every object's fix.
 * `paper`: for the printable report, a line per object with the command to run (the YAML, for a
 * change to make in a manifest), so a cluster report stays a document one can print.
 */
export function ObjectFixView({ fix, paper = false }: { fix: ObjectFix; paper?: boolean }) {
  const command = fixCommand(fix);
  const yaml = fixYaml(fix);
  if (paper && command)
    return (
      <p className="mt-0.5 break-inside-avoid text-xs" data-object-fix={fix.type}>
        <span className="font-semibold">Fix for this object:</span>{' '}
        <code className="break-all font-mono" data-fix-command="">
          {visibleText(command)}
        </code>
      </p>
    );
  const body = (
    <>
      <p className="mt-1 text-xs text-slate-700 print:text-black dark:text-slate-300">{visibleText(fix.note)}</p>
      {command ? (
        <pre className={BLOCK}>
          <code data-fix-command="">{visibleText(command)}</code>
        </pre>
      ) : null}
      <p className="mt-1 text-xs text-slate-700 print:text-black dark:text-slate-300">{visibleText(fixYamlLabel(fix))}:</p>
      <pre className={BLOCK}>
        <code>{visibleText(yaml)}</code>
      </pre>
    </>
  );
  if (paper)
    return (
      <div className="mt-1 break-inside-avoid" data-object-fix={fix.type}>
        <p className="text-xs font-semibold">Fix for this object</p>
        {body}
      </div>
    );
  return (
    <details className="mt-1" data-object-fix={fix.type}>
      <summary className="cursor-pointer text-xs font-semibold text-sky-800 dark:text-sky-300">Fix for this object</summary>
      {body}
      <div className="mt-1">
        <CopyButton text={command ?? yaml} label={command ? 'Copy command' : 'Copy YAML'} />
      </div>
    </details>
  );
}
