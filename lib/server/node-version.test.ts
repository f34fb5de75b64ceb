import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE_VERSION, nodeVersionProblem } from './node-version';

describe('nodeVersionProblem', () => {
  it('accepts the minimum and anything newer', () => {
    for (const version of ['v22.19.0', 'v22.19.1', 'v22.20.0', 'v24.0.0', 'v25.1.0'])
      expect(nodeVersionProblem(version), version).toBeUndefined();
  });

  it('names the version found and the version needed for anything older', () => {
    expect(nodeVersionProblem('v20.19.2')).toBe(
      `Shipshape needs Node.js ${MINIMUM_NODE_VERSION} or newer, but this is Node.js 20.19.2: use \`npm start\` (which runs the project's own Node) or install a newer Node.`,
    );
    expect(nodeVersionProblem('v22.18.9')).toContain('22.18.9');
  });

  it('matches the engines field of package.json', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE_VERSION.replace(/\.0$/, '')}`);
  });
});
