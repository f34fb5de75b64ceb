/**
 * Load a folder or file of Kubernetes YAML from disk into parsed objects.
 * Node-only (reads the file system); the parsing itself is pure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyParsedManifests, type ParsedManifests, parseManifests } from './parse-manifests';

const YAML_FILE = /\.ya?ml$/i;

/** Read every `.yaml`/`.yml` file under `target` (a folder, recursively, or one file), in name order. */
export async function loadSnapshot(target: string): Promise<ParsedManifests & { files: string[] }> {
  const files = await yamlFilesUnder(target);
  const result = emptyParsedManifests();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    parseManifests(text, path.relative(process.cwd(), file) || file, result);
  }
  return { ...result, files };
}

async function yamlFilesUnder(target: string): Promise<string[]> {
  const info = await stat(target);
  if (info.isFile()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
