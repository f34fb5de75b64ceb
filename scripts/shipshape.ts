/**
 * Shipshape on the command line: grade a folder of manifests with the same checks library as
 * the dashboard. Exits 1 when a namespace is not ready, so it can gate a pipeline.
 *
 *   npm run cli -- <folder-or-file> [--json]
 */

import { checkById } from '../lib/checks/catalog';
import { evaluateCluster } from '../lib/checks/evaluate';
import { VERDICT_LABELS } from '../lib/checks/scoring';
import { buildInventory } from '../lib/inventory';
import { loadSnapshot } from '../lib/snapshot/load-snapshot';

const args = process.argv.slice(2);
const json = args.includes('--json');
const target = args.find((arg) => !arg.startsWith('--'));
if (!target) {
  console.error('usage: npm run cli -- <folder-or-file of Kubernetes YAML> [--json]');
  process.exit(2);
}

let parsed: Awaited<ReturnType<typeof loadSnapshot>>;
try {
  parsed = await loadSnapshot(target);
} catch (error) {
  console.error(`shipshape: cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  process.exit(2);
}
for (const error of parsed.errors) console.error(`shipshape: ${error.file}: ${error.message}`);

const report = evaluateCluster(buildInventory(parsed.objects));
if (json) {
  console.log(JSON.stringify({ namespaces: report.namespaces, manifestErrors: parsed.errors, ignoredKinds: parsed.ignoredKinds }, null, 2));
} else {
  for (const namespace of report.namespaces) {
    const score = namespace.score.value === null ? 'N/A' : `${namespace.score.grade} ${namespace.score.value}`;
    console.log(`${namespace.namespace.padEnd(28)} ${score.padEnd(7)} ${VERDICT_LABELS[namespace.verdict]}`);
    for (const item of namespace.blockingFailures) {
      console.log(
        `    blocking: ${checkById(item.checkId)?.title ?? item.checkId} (${item.counts.fail} object${item.counts.fail === 1 ? '' : 's'})`,
      );
    }
  }
  const ignored = Object.entries(parsed.ignoredKinds);
  if (ignored.length > 0) console.log(`ignored kinds: ${ignored.map(([kind, count]) => `${kind} (${count})`).join(', ')}`);
}
process.exit(report.namespaces.some((namespace) => namespace.verdict === 'not-ready') ? 1 : 0);
