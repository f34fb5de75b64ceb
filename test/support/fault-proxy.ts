/**
 * A fault-injecting proxy on loopback in front of the real test API server: every request is
 * forwarded to kube-apiserver and its real answer comes back, except where a fault is set, which
 * then rewrites that answer (a continue token that repeats or never ends, a truncated or HTML
 * body, a status, bytes trickled slowly). It never invents an API: every answer starts as the
 * real server's.
 *
 * It serves TLS with the control plane's own serving certificate (issued for 127.0.0.1 by the
 * cluster CA), so the client verifies it exactly as it verifies the real server and the read
 * takes the same path as in production. Plain HTTP is there for the one case that needs it: a
 * kubeconfig with an `http://` server. Upstream it authenticates as the admin with the admin's
 * client certificate; the client's own credentials stop at the proxy.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { ControlPlaneState } from '../control-plane/control-plane';

export type ListFault =
  /** Every page carries the same continue token. */
  | { kind: 'repeat-token' }
  /** Every page carries a fresh continue token: a list without end. */
  | { kind: 'endless' }
  /** The first half of the real body, as if the connection broke off mid-answer. */
  | { kind: 'truncate' }
  /** This body, with status 200 and this content type, instead of the real one. */
  | { kind: 'replace'; body: string; contentType: string }
  /** This status and body instead of the real answer. */
  | { kind: 'status'; status: number; body: string }
  /** The real answer, its bytes trickled out over `durationMs` after the headers. */
  | { kind: 'drip'; durationMs: number }
  /** The real answer, held back for `ms` before anything is sent. */
  | { kind: 'hold'; ms: number };

export interface FaultRule {
  fault: ListFault;
  /** Which request paths it applies to; every path when absent. */
  path?: RegExp;
}

export interface FaultProxy {
  /** `https://127.0.0.1:<port>`, or `http://…` for a plain proxy. */
  readonly url: string;
  /** Requests received, in all. */
  readonly requests: number;
  /** Requests received per path (without the query). */
  readonly requestsByPath: ReadonlyMap<string, number>;
  /** Of `requests`, the watches (`watch=1`): streamed through as they come, never buffered or faulted. */
  readonly watchRequests: number;
  setFault(rule: FaultRule | undefined): void;
  /** Told of each request as it arrives, with the running count. */
  onRequest: ((count: number, path: string) => void) | undefined;
  /**
   * A kubeconfig whose only context (named `context`) points at the proxy: the cluster CA for a
   * TLS proxy, and `insecure-skip-tls-verify` when `allowPlainHttp` is set.
   */
  kubeconfig(context: string, options?: { allowPlainHttp?: boolean }): KubeConfig;
  close(): Promise<void>;
}

/** Where the control plane keeps its API server's serving certificate: beside its CA. */
function servingPair(state: ControlPlaneState): { cert: Buffer; key: Buffer } {
  const dir = path.dirname(state.pki.ca);
  return { cert: readFileSync(path.join(dir, 'apiserver.crt')), key: readFileSync(path.join(dir, 'apiserver.key')) };
}

const PAGINATION_FAULTS = new Set<ListFault['kind']>(['repeat-token', 'endless']);

export async function startFaultProxy(state: ControlPlaneState, options: { protocol?: 'https' | 'http' } = {}): Promise<FaultProxy> {
  const protocol = options.protocol ?? 'https';
  const upstream = new URL(state.urls.apiserver);
  const upstreamTls = {
    ca: readFileSync(state.pki.ca),
    cert: readFileSync(state.pki.adminCert),
    key: readFileSync(state.pki.adminKey),
  };
  const agent = new https.Agent({ ...upstreamTls, keepAlive: true });
  let rule: FaultRule | undefined;
  let requests = 0;
  let watchRequests = 0;
  let freshToken = 0;
  const requestsByPath = new Map<string, number>();
  const openSockets = new Set<import('node:net').Socket>();

  function forward(
    target: URL,
    incoming: http.IncomingMessage,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const headers = { ...incoming.headers, host: upstream.host, 'accept-encoding': 'identity' };
    delete headers.authorization;
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: `${target.pathname}${target.search}`,
          method: incoming.method,
          headers,
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      incoming.pipe(request);
    });
  }

  /** The answer's list with its continue token rewritten; other answers (errors, objects) untouched. */
  function withToken(body: Buffer, token: string): Buffer {
    const parsed = JSON.parse(body.toString('utf8')) as { items?: unknown; metadata?: Record<string, unknown> };
    if (!Array.isArray(parsed.items)) return body;
    parsed.metadata = { ...parsed.metadata, continue: token };
    return Buffer.from(JSON.stringify(parsed));
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A watch, piped both ways as it streams: its events must arrive as the server sends them. */
  function stream(target: URL, incoming: http.IncomingMessage, outgoing: http.ServerResponse): void {
    const headers = { ...incoming.headers, host: upstream.host, 'accept-encoding': 'identity' };
    delete headers.authorization;
    const request = https.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: `${target.pathname}${target.search}`,
        method: incoming.method,
        headers,
        agent,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        // Headers now, as the API server sent them: a quiet watch has no body to carry them for a while.
        outgoing.flushHeaders();
        response.pipe(outgoing);
        response.on('error', () => outgoing.destroy());
      },
    );
    request.on('error', () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
    outgoing.on('close', () => request.destroy());
    incoming.pipe(request);
  }

  async function handle(incoming: http.IncomingMessage, outgoing: http.ServerResponse, gone: () => boolean): Promise<void> {
    const target = new URL(incoming.url ?? '/', upstream);
    requests += 1;
    requestsByPath.set(target.pathname, (requestsByPath.get(target.pathname) ?? 0) + 1);
    proxy.onRequest?.(requests, target.pathname);
    const watch = target.searchParams.get('watch');
    if (watch === '1' || watch === 'true') {
      watchRequests += 1;
      stream(target, incoming, outgoing);
      return;
    }
    const active = rule && (!rule.path || rule.path.test(target.pathname)) ? rule.fault : undefined;
    // The real server would refuse our invented tokens: it sees every page as the first.
    if (active && PAGINATION_FAULTS.has(active.kind)) target.searchParams.delete('continue');
    const answer = await forward(target, incoming);
    const headers = { ...answer.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    delete headers.connection;
    delete headers['keep-alive'];
    const send = (status: number, body: Buffer | string, extra: http.OutgoingHttpHeaders = {}) => {
      outgoing.writeHead(status, { ...headers, ...extra, 'content-length': Buffer.byteLength(body) });
      outgoing.end(body);
    };
    switch (active?.kind) {
      case undefined:
        return send(answer.status, answer.body);
      case 'repeat-token':
        return send(answer.status, withToken(answer.body, 'shipshape-again'));
      case 'endless':
        freshToken += 1;
        return send(answer.status, withToken(answer.body, `shipshape-page-${freshToken}`));
      case 'truncate':
        return send(answer.status, answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      case 'replace':
        return send(200, active.body, { 'content-type': active.contentType });
      case 'status':
        return send(active.status, active.body, { 'content-type': 'text/plain' });
      case 'hold':
        await sleep(active.ms);
        if (gone()) return;
        return send(answer.status, answer.body);
      case 'drip': {
        outgoing.writeHead(answer.status, headers);
        const steps = 20;
        const size = Math.ceil(answer.body.length / steps);
        for (let step = 0; step < steps && !gone(); step += 1) {
          outgoing.write(answer.body.subarray(step * size, (step + 1) * size));
          await sleep(active.durationMs / steps);
        }
        outgoing.end();
        return;
      }
    }
  }

  const listener = (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
    // Closed before the answer was finished: the client gave up (a timeout or an abort).
    let clientGone = false;
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) clientGone = true;
    });
    outgoing.on('error', () => {
      clientGone = true;
    });
    handle(incoming, outgoing, () => clientGone).catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end();
      else outgoing.destroy();
    });
  };
  const server = protocol === 'https' ? https.createServer(servingPair(state), listener) : http.createServer(listener);
  server.on('connection', (socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${protocol}://127.0.0.1:${port}`;

  const proxy: FaultProxy = {
    url,
    get requests() {
      return requests;
    },
    get watchRequests() {
      return watchRequests;
    },
    requestsByPath,
    onRequest: undefined,
    setFault(next) {
      rule = next;
    },
    kubeconfig(context, { allowPlainHttp = false } = {}) {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [
          {
            name: `${context}-cluster`,
            server: url,
            caData: upstreamTls.ca.toString('base64'),
            skipTLSVerify: allowPlainHttp,
          },
        ],
        // The proxy authenticates upstream itself; this user carries no credentials.
        users: [{ name: `${context}-user` }],
        contexts: [{ name: context, cluster: `${context}-cluster`, user: `${context}-user` }],
        currentContext: context,
      });
      return config;
    },
    async close() {
      for (const socket of openSockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return proxy;
}
