/**
 * The configuration file's schema, written once: it validates the file (parse.ts), gives the
 * TypeScript types (`z.output`), and is published as `shipshape.config.schema.json` for editors
 * (`npm run config-schema`). Messages name what was expected and only the *type* of what was
 * found ("got other text"), never the value: the file may not be a config file at all
 * (/etc/passwd, a Secret). Check ids and Kubernetes versions, which are short and the user's
 * own words, are quoted escaped and cut short.
 */
import { z } from 'zod';
import { parseKubernetesVersion } from '../../k8s/api-versions';
import { quoteText } from '../../text';
import type { Severity } from '../types';
import { configWaiverEntrySchema } from '../waivers/config-entries';
import { unknownCheckProblem } from '../waivers/validate';

export const CONFIG_API_VERSION = 'shipshape.dev/v1';
export const CONFIG_KIND = 'ShipshapeConfig';

export const SEVERITIES = ['blocking', 'major', 'minor'] as const satisfies readonly Severity[];
const NAMESPACE_PATTERN = /^[a-z0-9*]([-a-z0-9*]{0,62})$/;

/** The type of a value, never the value. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'other text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value;
}

/** A schema's own type error: "expected <what>, got <type>". Other issues keep their own messages. */
const expecting = (what: string) => ({
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'invalid_type' || issue.code === 'invalid_value' ? `expected ${what}, got ${describeType(issue.input)}` : undefined,
});

const text = () => z.string(expecting('text')).refine((value) => value.trim() !== '', 'must not be empty');
const textList = () => z.array(text(), expecting('a list'));
const count = () => z.number(expecting('a number')).int('expected a whole number').nonnegative('must not be negative');

/**
 * `settings.kubernetesVersion`: text such as "1.37" or "v1.37.2", kept as its minor release. A bare
 * YAML number is refused, because YAML reads 1.30 as the number 1.3.
 */
const KUBERNETES_VERSION_SETTING = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `expected the version in quotes, such as "1.30", got the number ${issue.input} (YAML reads an unquoted 1.30 as 1.3)`
        : `expected a Kubernetes version such as "1.37", got ${describeType(issue.input)}`,
  })
  .transform((version, context) => {
    const parsed = parseKubernetesVersion(version);
    if (parsed?.major !== 1) {
      context.addIssue({ code: 'custom', message: `expected a Kubernetes version such as "1.37", got ${quoteText(version, 40)}` });
      return z.NEVER;
    }
    return `${parsed.major}.${parsed.minor}`;
  });

/**
 * What the checks read: every field, its type and what it means. A new setting is one line here
 * and a default in settings.ts (TypeScript insists), and belongs in shipshape.config.example.yaml
 * too, which a test keeps complete.
 */
export const CHECK_SETTINGS_SCHEMA = z.strictObject(
  {
    trustedRegistries: textList().describe(
      'Registry hosts whose images are trusted. `*.` matches any subdomain; `*` inside matches one label.',
    ),
    publicRegistries: textList().describe('Registries anyone may pull from without credentials.'),
    minimalBasePatterns: textList().describe(
      'What marks a minimal base in an image reference (or a declared base), matched as whole words: a word or run of words ' +
        'of a path component or the tag (`alpine`, `slim`, `static-debian`), or with a `/` a run of whole path segments, ' +
        'the registry host included (`cgr.dev/`, `distroless/static`).',
    ),
    fullDistributionImages: textList().describe(
      'Image repositories (last path segment) that are full distributions or full language images.',
    ),
    ownerAnnotationKeys: textList().describe('Annotation keys that name an owning team (any one suffices).'),
    versionKeys: textList().describe('Annotation or label keys that carry the version being run (any one suffices).'),
    baseImageAnnotation: text().describe('Annotation a team may set on a pod template to declare the base image of a custom build.'),
    contactAnnotationKeys: textList().describe(
      'Annotation keys that name how to reach the owning team: chat channel, on-call, e-mail (any one suffices).',
    ),
    requiredLabels: textList().describe(
      'Labels every workload must carry (none by default: the required-metadata check is then not applicable).',
    ),
    requiredAnnotations: textList().describe('Annotations every workload must carry (none by default).'),
    environmentLabelKeys: textList().describe('Label keys whose value names an environment (production, staging…); `tier` is not one.'),
    secretKeyPatterns: textList().describe(
      'Words that make an env variable, ConfigMap key or command-line flag look like it holds a secret when the key ends ' +
        'with them (`DB_PASSWORD`, `apiKey`); `PASSWORD_FILE` and `TOKEN_URL` do not.',
    ),
    restartWarnThreshold: count().describe('Live health: a container restarted more often than this is a warning.'),
    restartFailThreshold: count().describe('Live health: a container restarted more often than this is a failure.'),
    kubernetesVersion: KUBERNETES_VERSION_SETTING.describe(
      'The Kubernetes release the objects must apply to ("1.37", in quotes): decides which API versions are removed or ' +
        "deprecated. Unless the file sets it, a live cluster is graded against its API server's own version.",
    ),
  },
  expecting('a mapping of settings'),
);

/** Settings that checks read; the configuration file's `settings` overrides the defaults (settings.ts). */
export type CheckConfig = z.output<typeof CHECK_SETTINGS_SCHEMA>;

/** `checks.severity`: check id → severity. */
function severityOverrides(knownCheckIds: ReadonlySet<string>) {
  const ids = [...knownCheckIds];
  const record = z.record(
    // A refinement rather than an enum keeps the record open, so each unknown id is its own error in place.
    z
      .string()
      .refine((id) => knownCheckIds.has(id))
      .meta({ enum: ids }),
    z.enum(SEVERITIES, expecting(`one of ${SEVERITIES.join(', ')}`)),
    {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? unknownCheckProblem(String(issue.input), knownCheckIds)
          : issue.code === 'invalid_type'
            ? `expected a mapping of check id to severity, got ${describeType(issue.input)}`
            : undefined,
    },
  );
  // A record leaves a `__proto__` key out of its result without a word; here it is an unknown id like any other.
  // (An unrecognized key, unlike other issues, lets the record still run, so the other keys are checked too.)
  return z.preprocess((input, context) => {
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      const message = unknownCheckProblem('__proto__', knownCheckIds);
      context.issues.push({ code: 'unrecognized_keys', keys: ['__proto__'], message, input: input as Record<string, unknown> });
    }
    return input;
  }, record);
}

function checkIdItem(knownCheckIds: ReadonlySet<string>) {
  return z.enum([...knownCheckIds] as [string, ...string[]], {
    error: (issue) =>
      typeof issue.input === 'string'
        ? unknownCheckProblem(issue.input, knownCheckIds)
        : `expected a check id, got ${describeType(issue.input)}`,
  });
}

const namespacePattern = () =>
  z
    .string(expecting('a namespace name or a pattern with *'))
    .regex(NAMESPACE_PATTERN, { error: (issue) => `expected a namespace name or a pattern with *, got ${describeType(issue.input)}` });

/**
 * The whole file. `waiverEntry` is the schema of one `waivers` entry: the full entry schema for
 * editors; parse.ts passes a schema that accepts any entry, because a bad entry only rejects that
 * waiver and is validated on its own.
 */
export function configFileSchema<Entry extends z.ZodType>(knownCheckIds: ReadonlySet<string>, waiverEntry: Entry) {
  const required = (expected: string) => ({
    error: (issue: z.core.$ZodRawIssue) =>
      issue.input === undefined ? `required: ${expected}` : `expected ${expected}, got ${describeType(issue.input)}`,
  });
  return z.strictObject(
    {
      apiVersion: z.literal(CONFIG_API_VERSION, required(CONFIG_API_VERSION)),
      kind: z.literal(CONFIG_KIND, required(CONFIG_KIND)),
      settings: CHECK_SETTINGS_SCHEMA.partial()
        .optional()
        .describe('What the checks read. Each value replaces its default (lists are not merged).'),
      checks: z
        .strictObject(
          {
            disabled: z
              .array(checkIdItem(knownCheckIds), expecting('a list of check ids'))
              .transform((ids) => [...new Set(ids)])
              .optional()
              .describe('Checks not run; each shows as not evaluated (disabled).'),
            severity: severityOverrides(knownCheckIds).optional().describe('A different severity for a check: blocking, major or minor.'),
          },
          expecting('a mapping with disabled and severity'),
        )
        .optional(),
      namespaces: z
        .strictObject(
          {
            exclude: z
              .array(namespacePattern(), expecting('a list of namespace names'))
              .optional()
              .describe('Namespaces not graded, by name or with * for any run of characters.'),
            includeSystem: z
              .boolean(expecting('true or false'))
              .optional()
              .describe('Grade kube-system, kube-public and kube-node-lease too.'),
          },
          expecting('a mapping with exclude and includeSystem'),
        )
        .optional(),
      waivers: z
        .array(waiverEntry, expecting('a list of waivers'))
        .optional()
        .describe('Accepted risks, each with a reason, an approver and an expiry date.'),
    },
    expecting(`a mapping with apiVersion: ${CONFIG_API_VERSION} and kind: ${CONFIG_KIND}`),
  );
}

/** The schema editors get: every field, with check ids from `knownCheckIds` and the full waiver entries. */
export function configFileJsonSchema(knownCheckIds: ReadonlySet<string>) {
  const schema = configFileSchema(knownCheckIds, configWaiverEntrySchema(knownCheckIds)).meta({
    title: 'Shipshape configuration (shipshape.config.yaml)',
  });
  // The file's input, not the parsed result: what a person writes ("v1.30.4"), before it is normalised ("1.30").
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-7' });
}

/** shipshape.config.schema.json as the repository keeps it. */
export function configFileJsonSchemaText(knownCheckIds: ReadonlySet<string>): string {
  return `${JSON.stringify(configFileJsonSchema(knownCheckIds), null, 2)}\n`;
}
