/**
 * Settings that checks read. Defaults suit most teams; the configuration file's `settings`
 * overrides them (config-file.ts validates each field against the type of its default here, so a
 * new field is settable from the file without new parsing code; add it to
 * shipshape.config.example.yaml too, which a test keeps complete).
 */
import { DEFAULT_KUBERNETES_VERSION } from '../../k8s/api-versions';

export interface CheckConfig {
  /** Registry hosts whose images are trusted. `*.` matches any subdomain; `*` inside matches one label. */
  trustedRegistries: string[];
  /** Registries anyone may pull from without credentials. */
  publicRegistries: string[];
  /**
   * What marks a minimal base in an image reference (or a declared base), matched as whole words:
   * a word or run of words of a path component or the tag (`alpine`, `slim`, `static-debian`), or
   * with a `/` a run of whole path segments, the registry host included (`cgr.dev/`, `distroless/static`).
   */
  minimalBasePatterns: string[];
  /** Image repositories (last path segment) that are full distributions or full language images. */
  fullDistributionImages: string[];
  /** Annotation keys that name an owning team (any one suffices). */
  ownerAnnotationKeys: string[];
  /** Annotation or label keys that carry the version being run (any one suffices). */
  versionKeys: string[];
  /** Annotation a team may set on a pod template to declare the base image of a custom build. */
  baseImageAnnotation: string;
  /** Annotation keys that name how to reach the owning team: chat channel, on-call, e-mail (any one suffices). */
  contactAnnotationKeys: string[];
  /** Labels every workload must carry (none by default: the required-metadata check is then not applicable). */
  requiredLabels: string[];
  /** Annotations every workload must carry (none by default). */
  requiredAnnotations: string[];
  /** Label keys whose value names an environment (production, staging…); `tier` is not one. */
  environmentLabelKeys: string[];
  /**
   * Words that make an env variable, ConfigMap key or command-line flag look like it holds a
   * secret when the key ends with them (`DB_PASSWORD`, `apiKey`); `PASSWORD_FILE` and `TOKEN_URL` do not.
   */
  secretKeyPatterns: string[];
  /** Live health: a container restarted more often than this is a warning. */
  restartWarnThreshold: number;
  /** Live health: a container restarted more often than this is a failure. */
  restartFailThreshold: number;
  /**
   * The Kubernetes release the objects must apply to (`1.37`): decides which API versions are
   * removed or deprecated. Unless the configuration file sets it, a live cluster is graded against
   * its API server's own version and files against DEFAULT_KUBERNETES_VERSION.
   */
  kubernetesVersion: string;
}

export const DEFAULT_CHECK_CONFIG: CheckConfig = {
  trustedRegistries: [
    'gcr.io',
    '*.gcr.io',
    '*.pkg.dev',
    '*.dkr.ecr.*.amazonaws.com',
    'public.ecr.aws',
    '*.azurecr.io',
    'mcr.microsoft.com',
    'registry.k8s.io',
    'ghcr.io',
    'quay.io',
    'cgr.dev',
  ],
  // k8s.gcr.io is the Kubernetes project's frozen former registry, now redirected to registry.k8s.io: anonymous like it.
  publicRegistries: [
    'docker.io',
    'registry.k8s.io',
    'k8s.gcr.io',
    'mcr.microsoft.com',
    'public.ecr.aws',
    'cgr.dev',
    'gcr.io',
    'quay.io',
    'ghcr.io',
  ],
  // `static` alone would take any `static-site` repository for a base; distroless' static images are `distroless` anyway.
  minimalBasePatterns: [
    'distroless',
    'alpine',
    'slim',
    'scratch',
    'chainguard',
    'cgr.dev/',
    'wolfi',
    'busybox',
    'static-debian',
    'minimal',
    'micro',
  ],
  fullDistributionImages: [
    'ubuntu',
    'debian',
    'centos',
    'fedora',
    'rockylinux',
    'almalinux',
    'amazonlinux',
    'oraclelinux',
    'opensuse',
    'node',
    'python',
    'openjdk',
    'golang',
    'ruby',
    'php',
    'perl',
    'httpd',
    'nginx',
    'mysql',
    'postgres',
  ],
  ownerAnnotationKeys: ['shipshape.dev/owner', 'owner', 'team', 'app.kubernetes.io/owner', 'a8r.io/owner'],
  versionKeys: ['app.kubernetes.io/version', 'version'],
  baseImageAnnotation: 'shipshape.dev/base-image',
  contactAnnotationKeys: [
    'shipshape.dev/contact',
    'shipshape.dev/chat',
    'shipshape.dev/oncall',
    'shipshape.dev/email',
    'contact',
    'a8r.io/chat',
    'a8r.io/support',
  ],
  requiredLabels: [],
  requiredAnnotations: [],
  environmentLabelKeys: ['environment', 'env', 'app.kubernetes.io/environment'],
  secretKeyPatterns: [
    'password',
    'passwd',
    'passphrase',
    'secret',
    'token',
    'api_key',
    'apikey',
    'private_key',
    'secret_key',
    'access_key',
    'encryption_key',
    'signing_key',
    'credentials',
    'credential',
  ],
  restartWarnThreshold: 3,
  restartFailThreshold: 10,
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
};
