import 'server-only';
/**
 * A live cluster behind one kubeconfig context: read with `readCluster`, graded by the same
 * checks library as the demo and snapshots. A good read is kept briefly so that clicking
 * through a review does not re-list the cluster on every page; failures are never kept, so the
 * next request after an outage tries again.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { type ClusterSource, type ContextInfo, cachedLoader, gradeInventory, type LoadResult } from '../cluster-source';
import type { SourceError } from '../source-error';
import { createKubeClient, DEFAULT_CLIENT_OPTIONS, type KubeClient, numberFromEnv } from './kube-client';
import { configForContext } from './kubeconfig';
import { ClusterReadError, readCluster } from './read-cluster';
import { failureFromThrown, type RequestFailure } from './request-policy';

const CACHE_MS = numberFromEnv('SHIPSHAPE_LIVE_CACHE_SECONDS', 30, { allowZero: true }) * 1000;
const CONCURRENCY = numberFromEnv('SHIPSHAPE_LIST_CONCURRENCY', 4);

/** What the context is, in words people recognise, without anything secret. */
interface ContextFacts {
  context: string;
  server: string;
  user: string;
}

/** A typed, human error for a failure that ended the read. */
export function sourceErrorFor(failure: RequestFailure, resource: string, facts: ContextFacts): SourceError {
  const where = `context “${facts.context}” (${facts.server})`;
  switch (failure.kind) {
    case 'unreachable':
    case 'connection-reset':
      return {
        kind: 'unreachable',
        message: `Nothing answered at ${facts.server} while listing ${resource} for ${where}.`,
        hint: 'Check that the cluster is running and reachable from the machine running Shipshape (VPN, proxy, port-forward), then re-run.',
      };
    case 'tls':
      return {
        kind: 'tls',
        message: `The API server’s certificate could not be verified with the certificate authority of ${where}.`,
        hint: 'The kubeconfig’s certificate-authority may belong to another cluster, or the server’s certificate changed. Fetch a current kubeconfig.',
      };
    case 'unauthorized':
      return {
        kind: 'unauthorized',
        message: `The API server rejected the credentials of user “${facts.user}” in ${where}: the token or client certificate is invalid or has expired.`,
        hint: 'Log in again to refresh the kubeconfig’s credentials (for example with your cloud provider’s CLI), then re-run.',
      };
    case 'auth-plugin':
      return {
        kind: 'unauthorized',
        message: `The credential plugin of user “${facts.user}” in ${where} failed to produce credentials.`,
        hint: 'Run the plugin’s login command in a terminal on the machine running Shipshape, then re-run.',
      };
    case 'forbidden':
      return {
        kind: 'forbidden',
        message: `User “${facts.user}” may not list ${resource} in ${where}, and there is nothing else to read.`,
        hint: 'Ask for read access (the built-in “view” role) or set a namespace on the context.',
      };
    case 'timeout':
      return {
        kind: 'timeout',
        message: `The API server at ${facts.server} did not answer within ${Math.round(DEFAULT_CLIENT_OPTIONS.timeoutMs / 1000)} s while listing ${resource} for ${where}.`,
        hint: 'The server may be overloaded or a proxy may be holding the connection. Re-run in a moment.',
      };
    default:
      return {
        kind: 'internal',
        message: `Listing ${resource} for ${where} failed: ${failure.summary}.`,
        hint: 'Re-run; if it persists, check the API server’s health.',
      };
  }
}

/** `contextName` is the kubeconfig's name for the context; `info.name` is its name in URLs. */
export function createLiveSource(info: ContextInfo, kubeconfig: KubeConfig, contextName: string = info.name): ClusterSource {
  const config = configForContext(kubeconfig, contextName);
  const contextObject = config.getContextObject(contextName);
  const facts: ContextFacts = {
    context: contextName,
    server: config.getCurrentCluster()?.server ?? 'an unknown server',
    user: contextObject?.user ?? 'unknown',
  };
  // Made on first use, inside the read, so a context naming no cluster becomes an error result.
  let client: KubeClient | undefined;

  async function read(): Promise<LoadResult> {
    try {
      client ??= createKubeClient(config);
      const clusterRead = await readCluster(client, { concurrency: CONCURRENCY, fallbackNamespace: contextObject?.namespace });
      // The inventory is built and graded on the grading worker; only the network I/O is here.
      return await gradeInventory(info, {
        from: 'objects',
        objects: clusterRead.objects,
        accessGaps: clusterRead.accessGaps,
        hiddenNamespaces: clusterRead.hiddenNamespaces,
      });
    } catch (error) {
      if (error instanceof ClusterReadError)
        return { ok: false, context: info, error: sourceErrorFor(error.failure, error.resource, facts) };
      const failure = failureFromThrown(error);
      // Log our own summary and the error's class only: never request or response bodies.
      console.error(`shipshape: reading context ${info.name} failed (${failure.kind})`);
      return { ok: false, context: info, error: sourceErrorFor(failure, 'the cluster', facts) };
    }
  }

  return { info, load: cachedLoader(read, CACHE_MS) };
}
