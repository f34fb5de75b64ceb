#!/usr/bin/env node
// The `shipshape` command (package.json "bin"), for `npx shipshape …` from a clone. Plain
// JavaScript: it registers the resolve hook that lets Node run the project's TypeScript with its
// built-in type stripping (which works outside node_modules only, so a published package would
// need a compiled entry instead), then starts the TypeScript entry point.

// Type stripping and module.registerHooks need Node ≥ 22.19 (package.json "engines"); an older
// Node would fail on the first `.ts` import with a message about syntax, so say what is wrong.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `shipshape: needs Node.js 22.19 or later (this is ${process.versions.node}); from a clone, npx and npm run use the project's Node 24\n`,
  );
  process.exit(2);
}
await import('../scripts/ts-resolve-hook.mjs');
// `shipshape audit --context` reads a cluster through the dashboard's live source, whose modules
// are marked `server-only`: the CLI is a server-side process, so it resolves the marker as the
// server does (its react-server entry, which is empty).
const { registerHooks } = await import('node:module');
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== 'server-only') return nextResolve(specifier, context);
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
  },
});
await import('../cli/shipshape.ts');
