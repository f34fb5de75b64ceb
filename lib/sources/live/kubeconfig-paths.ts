import 'server-only';
/**
 * Where kubeconfigs are looked for, without loading client-node: the registry asks this first,
 * so a machine with no kubeconfig (the demo) never loads the live source at all.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The kubeconfig files kubectl would read, in order. */
export function kubeconfigPaths(env: Record<string, string | undefined> = process.env): string[] {
  const fromEnv = env.KUBECONFIG;
  if (fromEnv && fromEnv.length > 0) return fromEnv.split(path.delimiter).filter((file) => file.length > 0);
  const home = env.HOME ?? os.homedir();
  return [path.join(home, '.kube', 'config')];
}

/**
 * Whether there may be live contexts: KUBECONFIG names files (even missing ones, which are then
 * reported), ~/.kube/config exists, or the pod's service account is mounted.
 */
export function kubeconfigMayExist(env: Record<string, string | undefined> = process.env): boolean {
  if (env.KUBECONFIG) return true;
  if (kubeconfigPaths(env).some((file) => existsSync(file))) return true;
  return Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync(SERVICE_ACCOUNT_TOKEN);
}
