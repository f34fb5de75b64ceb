/**
 * One cold measurement for scripts/bench.ts, in a fresh process (JIT cold, new connections, as a
 * dashboard after a restart): prints one JSON line.
 *
 *   floor <state.json>        the same paged LISTs Shipshape makes (the same kinds, page size and
 *                             concurrency), over node:https keep-alive and JSON.parse, keeping nothing
 *   shipshape <context>       the dashboard's own read and grade (lib/sources/registry's loadContext,
 *                             whatever cache it has), from $KUBECONFIG; then the heap it retains
 *
 * Run with --expose-gc (the retained heap is measured after full collections).
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { KINDS } from '../lib/k8s/kinds';
import { DEFAULT_READ_OPTIONS, KIND_ENDPOINTS, OPTIONAL_KIND_ENDPOINTS } from '../lib/sources/live/read-cluster';

const [mode, argument] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

function collect(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** The peak resident set of this process so far, in bytes (getrusage). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function floor(stateFile: string): Promise<void> {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
    urls: { apiserver: string };
    pki: { ca: string; adminCert: string; adminKey: string };
  };
  const { concurrency, pageSize } = DEFAULT_READ_OPTIONS;
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: concurrency,
    ca: readFileSync(state.pki.ca),
    cert: readFileSync(state.pki.adminCert),
    key: readFileSync(state.pki.adminKey),
  });
  let requests = 0;
  let objects = 0;
  let bytes = 0;
  const get = (path: string) =>
    new Promise<{ items: unknown[]; metadata?: { continue?: string } }>((resolve, reject) => {
      requests += 1;
      https
        .get(new URL(path, state.urls.apiserver), { agent, headers: { accept: 'application/json' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            bytes += body.length;
            if (response.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${response.statusCode}`));
            else resolve(JSON.parse(body.toString('utf8')));
          });
          response.on('error', reject);
        })
        .on('error', reject);
    });
  const list = async (entry: { apiVersion: string; plural: string }) => {
    const prefix = entry.apiVersion.includes('/') ? `/apis/${entry.apiVersion}` : `/api/${entry.apiVersion}`;
    let token = '';
    do {
      const page = await get(`${prefix}/${entry.plural}?limit=${pageSize}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      objects += page.items.length;
      token = page.metadata?.continue ?? '';
    } while (token);
  };
  const start = performance.now();
  // As the reader does: Namespaces first, then every other kind, `concurrency` lists at a time.
  // Shipshape's own kinds (ReadinessReview) are listed only where discovery serves them, as the reader does.
  const namespaces = KINDS.find((entry) => entry.kind === 'Namespace');
  if (namespaces) await list(namespaces);
  const optional = await Promise.all(
    OPTIONAL_KIND_ENDPOINTS.map((entry) =>
      get(`/apis/${entry.apiVersion}`).then(
        (answer) => ((answer as { resources?: { name?: string }[] }).resources?.some((r) => r.name === entry.plural) ? [entry] : []),
        () => [],
      ),
    ),
  );
  const rest = [...KIND_ENDPOINTS, ...optional.flat()];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rest.length) {
        const entry = rest[next];
        next += 1;
        if (entry) await list(entry);
      }
    }),
  );
  const ms = performance.now() - start;
  agent.destroy();
  console.log(JSON.stringify({ ms, objects, requests, bytes, peakRss: peakRss() }));
}

async function shipshape(context: string): Promise<void> {
  const { loadContext } = await import('../lib/sources/registry');
  const before = collect();
  const start = performance.now();
  const result = await loadContext(context);
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(`${context}: ${result.error.kind}: ${result.error.message}`);
  const { inventory, report } = result.cluster;
  let objects = 0;
  let pods = 0;
  for (const namespace of inventory.namespaces.values()) {
    for (const [kind, list] of namespace.byKind) {
      objects += list.length;
      if (kind === 'Pod') pods += list.length;
    }
  }
  // Cluster-scoped objects, the Namespaces among them.
  for (const list of inventory.clusterScoped.values()) objects += list.length;
  const retained = collect() - before;
  console.log(
    JSON.stringify({
      ms,
      objects,
      pods,
      namespaces: report.namespaces.length,
      retainedBytes: retained,
      peakRss: peakRss(),
      // Held until here, so the collection above measured the result kept alive.
      held: result.cluster.evaluatedAt.length > 0,
    }),
  );
  process.exit(0); // the grading worker and any cache timers would keep the process alive
}

if (mode === 'floor' && argument) await floor(argument);
else if (mode === 'shipshape' && argument) await shipshape(argument);
else {
  console.error('usage: bench-child.ts floor <state.json> | shipshape <context>');
  process.exit(2);
}
