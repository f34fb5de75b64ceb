/** The oldest Node the dashboard runs on (package.json `engines`), and the sentence for an older one. */
export const MINIMUM_NODE_VERSION = '22.19.0';

function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

/** Undefined when `version` (as in `process.version`) is new enough, else why not. */
export function nodeVersionProblem(version: string, minimum: string = MINIMUM_NODE_VERSION): string | undefined {
  const found = parts(version);
  const needed = parts(minimum);
  for (let index = 0; index < 3; index += 1) {
    const difference = (found[index] ?? 0) - (needed[index] ?? 0);
    if (difference > 0) return undefined;
    if (difference < 0)
      return `Shipshape needs Node.js ${minimum} or newer, but this is Node.js ${version.replace(/^v/, '')}: use \`npm start\` (which runs the project's own Node) or install a newer Node.`;
  }
  return undefined;
}

/** At start-up: one sentence naming both versions, then exit, rather than a 500 on every page. */
export function exitOnOldNode(): void {
  const problem = nodeVersionProblem(process.version);
  if (!problem) return;
  console.error(`shipshape: ${problem}`);
  process.exit(1);
}
