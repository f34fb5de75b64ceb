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

function describeLoadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'the file is not readable';
  if (code === 'EISDIR') return 'the path is a directory';
  // js-yaml and client-node's validation messages name the field but never the file's secrets.
  const message = error instanceof Error ? error.message.split('\n')[0] : '';
  return `the file is not a valid kubeconfig${message ? ` (${message.slice(0, 160)})` : ''}`;
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
