/**
 * A minimal HTTPS client for the test control plane's own use (readiness, seeding, settling):
 * admin client certificate, the cluster CA, a timeout on every request, no keep-alive.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';

/** Where and as whom to talk to an API server. */
export interface ApiTarget {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

export interface ApiResponse {
  status: number;
  body: string;
}

/** One request; rejects only on transport errors and timeouts, not on HTTP error statuses. */
export function apiRequest(
  target: ApiTarget,
  method: string,
  path: string,
  options: { body?: string; contentType?: string; timeoutMs?: number } = {},
): Promise<ApiResponse> {
  const url = new URL(path, target.server);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method,
        agent: false,
        ca: readFileSync(target.ca),
        cert: readFileSync(target.cert),
        key: readFileSync(target.key),
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' }),
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${method} ${url.href} timed out`)));
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** GET returning parsed JSON; throws on a non-2xx status. */
export async function apiGet<T>(target: ApiTarget, path: string): Promise<T> {
  const response = await apiRequest(target, 'GET', path);
  if (response.status < 200 || response.status >= 300)
    throw new Error(`GET ${path}: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as T;
}

/** Server-side apply of one object (idempotent); `path` is the object's URL. */
export async function apiApply(target: ApiTarget, path: string, object: unknown): Promise<void> {
  const response = await apiRequest(target, 'PATCH', `${path}?fieldManager=shipshape-control-plane&force=true`, {
    body: JSON.stringify(object),
    contentType: 'application/apply-patch+yaml',
  });
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`apply ${path}: HTTP ${response.status} ${response.body.slice(0, 500)}`);
  }
}

/** True when GET `path` answers 200 (e.g. /readyz), false on any error or other status. */
export async function answersOk(target: ApiTarget, path: string, timeoutMs = 2000): Promise<boolean> {
  try {
    return (await apiRequest(target, 'GET', path, { timeoutMs })).status === 200;
  } catch {
    return false;
  }
}
