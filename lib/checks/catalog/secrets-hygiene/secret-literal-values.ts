import { objectsOf } from '../../../inventory';
import { WORKLOAD_KINDS } from '../../../k8s/kinds';
import { isClusterProvided } from '../../../k8s/semantics';
import { memoizePerOwner } from '../../../memo';
import { failFinding, passFinding } from '../../findings';
import { containersOf } from '../../helpers/workloads';
import type { Check, ObjectFinding } from '../../types';

/** Words that may follow the secret word without changing what the key holds (`SECRET_KEY_BASE`, `TOKEN_VALUE`). */
const TRAILING_WORDS = new Set(['value', 'base', 'b64', 'base64', 'plain', 'plaintext', 'raw', 'string', 'str']);

/** `DB_PASSWORD`, `db-password`, `dbPassword` → [db, password]. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// The configured patterns are split once, not once per key looked at.
const PATTERN_WORDS = new Map<string, readonly string[]>();

function patternWords(pattern: string): readonly string[] {
  let words = PATTERN_WORDS.get(pattern);
  if (!words) {
    words = wordsOf(pattern);
    PATTERN_WORDS.set(pattern, words);
  }
  return words;
}

/**
 * Does a key name a secret? Its words must end with a pattern (`DB_PASSWORD`, `apiKey`,
 * `MYSQLPASSWORD`), so keys that point at one (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`) or
 * describe one (`PASSWORD_MIN_LENGTH`) do not.
 */
export function looksLikeSecretKey(key: string, patterns: readonly string[]): boolean {
  // Env names recur on every replica of a cluster's workloads: each is judged once per pattern list.
  return judgedKey(patterns, key);
}

const judgedKey = memoizePerOwner((patterns: readonly string[], key: string) => looksLikeSecretKeyUncached(key, patterns));

function looksLikeSecretKeyUncached(key: string, patterns: readonly string[]): boolean {
  const words = wordsOf(key);
  while (words.length > 1 && TRAILING_WORDS.has(words.at(-1) ?? '')) words.pop();
  const compact = words.join('');
  return patterns.some((pattern) => {
    const wanted = patternWords(pattern);
    if (wanted.length === 0) return false;
    const tail = words.slice(-wanted.length);
    return (tail.length === wanted.length && tail.every((word, index) => word === wanted[index])) || compact.endsWith(wanted.join(''));
  });
}

/**
 * Is a value a literal that could be a credential? Not when empty, a boolean, an absolute
 * path (`GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json`), a `$(VAR)` expansion of
 * another variable, or a template placeholder left for a later step.
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return typeof value === 'number';
  const trimmed = value.trim();
  if (trimmed === '' || /^(true|false)$/i.test(trimmed)) return false;
  if (trimmed.includes('$(')) return false;
  if (/^\/\S*$/.test(trimmed)) return false;
  if (/^\$\{[^}]*\}$/.test(trimmed) || /^\{\{.*\}\}$/.test(trimmed)) return false;
  return true;
}

const FLAG = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)=(.*)$/s;

export const secretLiteralValues: Check = {
  id: 'secret-literal-values',
  title: 'No literal secrets in env, arguments or ConfigMaps',
  principle: 'secrets-hygiene',
  severity: 'major',
  targets: [...WORKLOAD_KINDS, 'ConfigMap'],
  reads: [...WORKLOAD_KINDS, 'ConfigMap'],
  rationale:
    'A password written into an env value, a flag or a ConfigMap is stored in plain text in Git and in every read of the workload, visible to anyone allowed to get Deployments; Secrets can be access-controlled, encrypted at rest and rotated.',
  remediation: {
    summary:
      'Move the value into a Secret and reference it with valueFrom.secretKeyRef (or mount it as a file), then rotate the credential: it has already been exposed.',
    snippet: `env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: api-database
        key: password`,
  },
  docs: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
  evaluate({ namespace, config }) {
    const patterns = config.secretKeyPatterns;
    const findings: ObjectFinding[] = [];
    for (const workload of namespace.workloads) {
      const problems: string[] = [];
      for (const container of containersOf(workload, { includeInit: true })) {
        const literalEnv = (container.env ?? [])
          .filter(
            (entry) => typeof entry.name === 'string' && looksLikeSecretKey(entry.name, patterns) && isLiteralSecretValue(entry.value),
          )
          .map((entry) => entry.name);
        if (literalEnv.length > 0) problems.push(`container ${container.name} sets ${literalEnv.join(', ')} as a literal env value`);
        const words = [...((container as { command?: unknown[] }).command ?? []), ...((container as { args?: unknown[] }).args ?? [])];
        const flags = words.flatMap((word) => {
          const match = typeof word === 'string' ? FLAG.exec(word) : null;
          return match?.[1] && looksLikeSecretKey(match[1], patterns) && isLiteralSecretValue(match[2]) ? [`--${match[1]}`] : [];
        });
        if (flags.length > 0)
          problems.push(`container ${container.name} passes ${flags.join(', ')} with a literal value on its command line`);
      }
      // Names only: the values are never repeated in a finding.
      if (problems.length > 0) findings.push(failFinding(workload.object, problems.join('; ')));
      else findings.push(passFinding(workload.object, 'no secret-looking literal in env values or arguments'));
    }
    for (const configMap of objectsOf(namespace, 'ConfigMap')) {
      if (isClusterProvided(configMap)) continue;
      const data = (configMap.data ?? {}) as Record<string, unknown>;
      const keys = Object.keys(data).filter((key) => looksLikeSecretKey(key, patterns) && isLiteralSecretValue(data[key]));
      // A clean ConfigMap gets no finding: add-ons create ConfigMaps in live clusters that manifests never hold.
      if (keys.length > 0)
        findings.push(failFinding(configMap, `key ${keys.join(', ')} holds a secret-looking literal value; ConfigMaps are not secret`));
    }
    return findings;
  },
};
