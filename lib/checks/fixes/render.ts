/**
 * Per-object fixes as people paste them: a `kubectl` line for a POSIX shell, and YAML. Pure.
 *
 * Every name in a fix comes from a cluster or a file: hostile. Each shell word is single-quoted
 * (a quote inside becomes '\'' ), so no name, however it is spelt, ends the quoting: a newline or
 * a `$(…)` stays text inside one argument.
 */
import { stringify } from 'yaml';
import type { ObjectFix } from '../types';

/** One word for a POSIX shell (sh, bash, zsh), whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that applies the fix, or undefined for a patch the API server would refuse on a
 * live object (a Pod's spec): that one is a change to make in the manifest.
 */
export function fixCommand(fix: ObjectFix): string | undefined {
  if (fix.type === 'manifest') return `printf '%s\\n' ${shellQuote(JSON.stringify(fix.manifest))} | kubectl apply -f -`;
  if (!fix.inPlace) return undefined;
  const { kind, name, namespace } = fix.target;
  const scope = namespace === undefined ? '' : `-n ${shellQuote(namespace)} `;
  return `kubectl ${scope}patch ${shellQuote(`${kind.toLowerCase()}/${name}`)} --type=${fix.patchType} -p ${shellQuote(JSON.stringify(fix.patch))}`;
}

/** The patch or the manifest as YAML (a strategic patch reads as the fragment of the object it changes). */
export function fixYaml(fix: ObjectFix): string {
  return stringify(fix.type === 'manifest' ? fix.manifest : fix.patch, { lineWidth: 0 }).trimEnd();
}

/** What a reader is told the YAML is. */
export function fixYamlLabel(fix: ObjectFix): string {
  if (fix.type === 'manifest') return 'Manifest to create';
  return fix.inPlace
    ? `${fix.patchType} patch of ${fix.target.kind}/${fix.target.name}`
    : `Change to the manifest of ${fix.target.kind}/${fix.target.name}`;
}
