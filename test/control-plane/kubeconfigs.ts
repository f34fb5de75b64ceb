/**
 * The kubeconfig files of a run: every context in all.kubeconfig (the cosigner's only there), one
 * context each in the admin, limited and team files, and the exec credential plugin some contexts use.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { BAD_TOKEN, CONTEXTS, COSIGNER_USER, type ContextKey, LIMITED_USER, TEAM_NAMESPACE, TEAM_USER } from './contexts';
import type { Pki } from './pki';
import type { ControlPlaneState, KubeconfigFiles } from './state';

interface KubeconfigEntry {
  context: string;
  cluster: { name: string; server: string; ca: string };
  user: { name: string; cert?: string; key?: string; token?: string; exec?: { command: string; args: string[] } };
  namespace?: string;
}

const base64File = (file: string) => readFileSync(file).toString('base64');

function kubeconfigYaml(entries: readonly KubeconfigEntry[], current: string): string {
  const unique = <T extends { name: string }>(items: T[]) => [...new Map(items.map((item) => [item.name, item])).values()];
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: unique(entries.map((entry) => entry.cluster)).map((cluster) => ({
      name: cluster.name,
      cluster: { server: cluster.server, 'certificate-authority-data': base64File(cluster.ca) },
    })),
    users: unique(entries.map((entry) => entry.user)).map((user) => ({
      name: user.name,
      user: user.exec
        ? {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: user.exec.command,
              args: user.exec.args,
              interactiveMode: 'Never',
            },
          }
        : user.token
          ? { token: user.token }
          : { 'client-certificate-data': base64File(user.cert ?? ''), 'client-key-data': base64File(user.key ?? '') },
    })),
    contexts: entries.map((entry) => ({
      name: entry.context,
      context: { cluster: entry.cluster.name, user: entry.user.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) },
    })),
    'current-context': current,
  });
}

/**
 * A client-go exec credential plugin (the mechanism of aws eks get-token, gke-gcloud-auth-plugin,
 * kubelogin): a script that prints an ExecCredential holding the admin's client certificate.
 */
function writeExecPlugin(runDir: string, admin: { cert: string; key: string }): { command: string; args: string[] } {
  const credential = path.join(runDir, 'exec-credential.json');
  writeFileSync(
    credential,
    JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { clientCertificateData: readFileSync(admin.cert, 'utf8'), clientKeyData: readFileSync(admin.key, 'utf8') },
    }),
    { mode: 0o600 },
  );
  return { command: '/bin/cat', args: [credential] };
}

export function writeKubeconfigs(runDir: string, pki: Pki, urls: ControlPlaneState['urls']): KubeconfigFiles {
  const cluster = { name: 'shipshape', server: urls.apiserver, ca: pki.ca.cert };
  const client = (user: string) => {
    const pair = pki.clients[user];
    if (!pair) throw new Error(`no client certificate for ${user}`);
    return { name: `shipshape-${user}`, cert: pair.cert, key: pair.key };
  };
  const admin = client('admin');
  const entries: Record<ContextKey, KubeconfigEntry> = {
    admin: { context: CONTEXTS.admin, cluster, user: admin },
    limited: { context: CONTEXTS.limited, cluster, user: client(LIMITED_USER) },
    team: { context: CONTEXTS.team, cluster, user: client(TEAM_USER), namespace: TEAM_NAMESPACE },
    cosigner: { context: CONTEXTS.cosigner, cluster, user: client(COSIGNER_USER), namespace: TEAM_NAMESPACE },
    badToken: { context: CONTEXTS.badToken, cluster, user: { name: 'shipshape-bad-token', token: BAD_TOKEN } },
    wrongCa: { context: CONTEXTS.wrongCa, cluster: { ...cluster, name: 'shipshape-wrong-ca', ca: pki.otherCa.cert }, user: admin },
    unreachable: {
      context: CONTEXTS.unreachable,
      cluster: { ...cluster, name: 'shipshape-unreachable', server: urls.unreachable },
      user: admin,
    },
    fault: { context: CONTEXTS.fault, cluster: { ...cluster, name: 'shipshape-fault', server: urls.faultApiserver }, user: admin },
    throttled: {
      context: CONTEXTS.throttled,
      cluster: { ...cluster, name: 'shipshape-fault', server: urls.faultApiserver },
      user: client(LIMITED_USER),
    },
    exec: { context: CONTEXTS.exec, cluster, user: { name: 'shipshape-exec', exec: writeExecPlugin(runDir, admin) } },
    execFailing: {
      context: CONTEXTS.execFailing,
      cluster,
      user: { name: 'shipshape-exec-failing', exec: { command: '/bin/sh', args: ['-c', 'echo "error: login expired" >&2; exit 1'] } },
    },
  };
  const files: KubeconfigFiles = {
    all: path.join(runDir, 'all.kubeconfig'),
    admin: path.join(runDir, 'admin.kubeconfig'),
    limited: path.join(runDir, 'limited.kubeconfig'),
    team: path.join(runDir, 'team.kubeconfig'),
  };
  const write = (file: string, content: string) => writeFileSync(file, content, { mode: 0o600 });
  write(files.all, kubeconfigYaml(Object.values(entries), CONTEXTS.admin));
  write(files.admin, kubeconfigYaml([entries.admin], CONTEXTS.admin));
  write(files.limited, kubeconfigYaml([entries.limited], CONTEXTS.limited));
  write(files.team, kubeconfigYaml([entries.team], CONTEXTS.team));
  return files;
}
