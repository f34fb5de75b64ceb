/**
 * Per-object fixes as people paste them: a `kubectl` line for a POSIX shell, and YAML. Pure.
 *
 * Every name in a fix comes from a cluster or a file: hostile. Each shell word is single-quoted
 * (a quote inside becomes '\'' ), so no name, however it is spelt, ends the quoting: a newline or
 * a `$(…)` stays text inside one argument.
 */
import type { JsonValue, ObjectFix } from '../types';

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

/**
 * A scalar YAML reads back as the same string: plain when it is a name or a quantity (`api`,
 * `app.kubernetes.io/name`, `128Mi`), else JSON's double-quoted form, which YAML reads the same.
 * Words YAML 1.1 readers take for booleans or null (yes, on, ~) are quoted too.
 */
function scalar(value: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9._/-]*$/.test(value) || /^[0-9]+[A-Za-z]+$/.test(value);
  return plain && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : JSON.stringify(value);
}

function yamlLines(value: JsonValue, indent: string): string[] {
  if (value === null || typeof value !== 'object') return [typeof value === 'string' ? scalar(value) : String(value)];
  if (Array.isArray(value)) {
    if (value.length === 0) return ['[]'];
    return value.flatMap((item) => {
      const [first = '', ...rest] = yamlBlock(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return ['{}'];
  return entries.flatMap(([key, item]) => {
    const nested = item !== null && typeof item === 'object' && (Array.isArray(item) ? item.length > 0 : Object.keys(item).length > 0);
    if (!nested) return [`${indent}${scalar(key)}: ${yamlLines(item, indent)[0]}`];
    // Lists sit at their key's indentation, as kubectl prints them.
    return [`${indent}${scalar(key)}:`, ...yamlBlock(item, Array.isArray(item) ? indent : `${indent}  `)];
  });
}

function yamlBlock(value: JsonValue, indent: string): string[] {
  const lines = yamlLines(value, indent);
  return value !== null && typeof value === 'object' ? lines : [`${indent}${lines[0]}`];
}

/**
 * The patch or the manifest as YAML (a strategic patch reads as the fragment of the object it
 * changes). Written here rather than by the yaml package: fixes are small JSON values, and a
 * report of a large cluster renders thousands of them, where the package costs milliseconds each.
 */
export function fixYaml(fix: ObjectFix): string {
  return yamlBlock(fix.type === 'manifest' ? fix.manifest : fix.patch, '').join('\n');
}

/** What a reader is told the YAML is. */
export function fixYamlLabel(fix: ObjectFix): string {
  if (fix.type === 'manifest') return 'Manifest to create';
  return fix.inPlace
    ? `${fix.patchType} patch of ${fix.target.kind}/${fix.target.name}`
    : `Change to the manifest of ${fix.target.kind}/${fix.target.name}`;
}
