/**
 * Settings that checks read. Defaults suit most teams; a configuration file (a later
 * feature) overrides them.
 */
export interface CheckConfig {
  /** Registry hosts whose images are trusted. `*.` matches any subdomain; `*` inside matches one label. */
  trustedRegistries: string[];
  /** Registries anyone may pull from without credentials. */
  publicRegistries: string[];
  /** Substrings of an image reference (or a declared base) that mark a minimal base. */
  minimalBasePatterns: string[];
  /** Image repositories (last path segment) that are full distributions or full language images. */
  fullDistributionImages: string[];
  /** Annotation keys that name an owning team (any one suffices). */
  ownerAnnotationKeys: string[];
  /** Annotation or label keys that carry the version being run (any one suffices). */
  versionKeys: string[];
  /** Annotation a team may set on a pod template to declare the base image of a custom build. */
  baseImageAnnotation: string;
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
  publicRegistries: ['docker.io', 'registry.k8s.io', 'mcr.microsoft.com', 'public.ecr.aws', 'cgr.dev', 'gcr.io', 'quay.io', 'ghcr.io'],
  minimalBasePatterns: [
    'distroless',
    'alpine',
    '-slim',
    'slim-',
    'scratch',
    'chainguard',
    'cgr.dev/',
    'wolfi',
    'busybox',
    'static',
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
  ownerAnnotationKeys: ['shipshape.dev/owner', 'owner', 'team', 'app.kubernetes.io/owner', 'contact'],
  versionKeys: ['app.kubernetes.io/version', 'version'],
  baseImageAnnotation: 'shipshape.dev/base-image',
};
