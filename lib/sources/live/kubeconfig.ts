import 'server-only';
/**
 * Finding and reading kubeconfigs the way kubectl does: the files in KUBECONFIG (merged, the
 * first file to name a cluster, user or context wins), else ~/.kube/config, else the pod's
 * service account when running in a cluster. Unlike client-node's loadFromDefault there is no
 * fallback to http://localhost:8080: no kubeconfig means no live contexts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Cluster, type Context, KubeConfig, type User } from '@kubernetes/client-node';
import { kubeconfigPaths, SERVICE_ACCOUNT_TOKEN } from './kubeconfig-paths';

export { kubeconfigPaths } from './kubeconfig-paths';

export interface KubeconfigProblem {
  /** The file's base name only: full paths can reveal a home directory. */
  file: string;
  message: string;
}

export interface LoadedKubeconfig {
  config: KubeConfig;
  /** Where contexts came from, for the page that explains them. */
  origin: 'kubeconfig' | 'in-cluster' | 'none';
  currentContext: string | undefined;
  problems: KubeconfigProblem[];
}

/** client-node's own validation messages, which name a field and nothing from the file. */
const MISSING_FIELD = /^(clusters|users|contexts)\[\d{1,6}\]\.(name|cluster|cluster\.server|user|context|context\.cluster) is missing$/;

/**
 * Why a kubeconfig could not be loaded, from the error's code and position only. js-yaml's
 * messages (as the `yaml` library's) quote the source around the error, and a kubeconfig holds
 * tokens and keys; so a YAML error gives its line and column, never its text.
 */
export function describeLoadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'the file is not readable';
  if (code === 'EISDIR') return 'the path is a directory';
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `the file could not be read (${code})`;
  const mark = (error as { mark?: { line?: unknown; column?: unknown } }).mark;
  if (error instanceof Error && error.name === 'YAMLException') {
    const at =
      typeof mark?.line === 'number' && typeof mark.column === 'number' ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    return `the file is not valid YAML${at}`;
  }
  const message = error instanceof Error ? error.message : '';
  if (MISSING_FIELD.test(message)) return `the file is not a valid kubeconfig (${message})`;
  if (/^Duplicate (cluster|user|context): /.test(message))
    return `the file is not a valid kubeconfig (it names a ${message.split(' ')[1]?.replace(':', '')} twice)`;
  return 'the file is not a valid kubeconfig';
}

/** Read and merge every kubeconfig; problems with one file do not hide the others. */
export function loadKubeconfig(env: Record<string, string | undefined> = process.env): LoadedKubeconfig {
  const merged = new KubeConfig();
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let currentContext: string | undefined;
  const problems: KubeconfigProblem[] = [];
  const explicit = Boolean(env.KUBECONFIG);
  let readAny = false;

  for (const file of kubeconfigPaths(env)) {
    if (!existsSync(file)) {
      if (explicit) problems.push({ file: path.basename(file), message: 'the file named in KUBECONFIG does not exist' });
      continue;
    }
    try {
      const one = new KubeConfig();
      one.loadFromFile(file);
      // Relative certificate paths are relative to the kubeconfig's folder, as in kubectl.
      one.makePathsAbsolute(path.dirname(path.resolve(file)));
      readAny = true;
      for (const cluster of one.clusters) if (!clusters.some((known) => known.name === cluster.name)) clusters.push(cluster);
      for (const user of one.users) if (!users.some((known) => known.name === user.name)) users.push(user);
      for (const context of one.contexts) if (!contexts.some((known) => known.name === context.name)) contexts.push(context);
      if (!currentContext && one.currentContext) currentContext = one.currentContext;
    } catch (error) {
      problems.push({ file: path.basename(file), message: describeLoadError(error) });
    }
  }

  if (!readAny && env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    merged.loadFromCluster();
    return { config: merged, origin: 'in-cluster', currentContext: merged.currentContext, problems };
  }

  merged.loadFromOptions({ clusters, users, contexts, currentContext: currentContext ?? '' });
  return { config: merged, origin: readAny ? 'kubeconfig' : 'none', currentContext, problems };
}

/** A KubeConfig holding just one context, so its connection pool is its own. */
export function configForContext(source: KubeConfig, contextName: string): KubeConfig {
  const context = source.getContextObject(contextName);
  if (!context) throw new Error(`unknown context ${contextName}`);
  const single = new KubeConfig();
  single.loadFromOptions({
    clusters: source.clusters.filter((cluster) => cluster.name === context.cluster),
    users: source.users.filter((user) => user.name === context.user),
    contexts: [context],
    currentContext: context.name,
  });
  return single;
}
