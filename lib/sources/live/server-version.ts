import 'server-only';
/**
 * The Kubernetes version an API server runs, from GET /version: the release API versions are
 * judged against when the configuration file names none.
 */
import { z } from 'zod';
import { formatKubernetesVersion, parseKubernetesVersion } from '../../k8s/api-versions';
import type { KubeClient } from './kube-client';

/** The fields of /version Shipshape reads; the server sends more (git commit, build date, platform). */
const VERSION_INFO = z.object({
  major: z.string().max(8).optional(),
  minor: z.string().max(8).optional(),
  gitVersion: z.string().max(128).optional(),
});

/**
 * `1.37` for a server that answers `{ major: "1", minor: "37" }` (managed clusters send `"37+"`),
 * else from `gitVersion` (`v1.37.2-eks-…`). Undefined when /version cannot be read or makes no
 * sense: the grading then uses the default release, and says so, rather than failing the read.
 */
export async function readServerVersion(client: KubeClient, signal?: AbortSignal): Promise<string | undefined> {
  let body: unknown;
  try {
    body = await client.getJson<unknown>('/version', {}, { signal });
  } catch {
    return undefined;
  }
  const parsed = VERSION_INFO.safeParse(body);
  if (!parsed.success) return undefined;
  const { major, minor, gitVersion } = parsed.data;
  const version =
    (major !== undefined && minor !== undefined ? parseKubernetesVersion(`${major}.${minor}`) : undefined) ??
    (gitVersion ? parseKubernetesVersion(gitVersion) : undefined);
  return version ? formatKubernetesVersion(version) : undefined;
}
