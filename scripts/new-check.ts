/**
 * Starts a new check: `npm run new-check -- <id> <principle>`. Writes the skeleton and its
 * fixtures, registers it in lib/checks/catalog/index.ts and prints what is left to do.
 */
import path from 'node:path';
import { ScaffoldError, scaffoldCheck } from './scaffold-check';

const [id, principle, ...rest] = process.argv.slice(2);
if (!id || !principle || rest.length > 0) {
  console.error('usage: npm run new-check -- <check-id> <principle>');
  process.exit(2);
}

try {
  const result = scaffoldCheck(path.resolve(import.meta.dirname, '..'), id, principle);
  console.log(`Wrote ${result.files.join(', ')}`);
  console.log(`Registered in lib/checks/catalog/index.ts: ${result.importLine}`);
  console.log('\nLeft to do:');
  result.todo.forEach((step, index) => {
    console.log(`  ${index + 1}. ${step}`);
  });
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  console.error(`new-check: ${error.message}`);
  process.exit(1);
}
