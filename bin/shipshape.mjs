#!/usr/bin/env node
// The `shipshape` command (package.json "bin"), for `npx shipshape …` from a clone. Plain
// JavaScript: it registers the resolve hook that lets Node 24 run the project's TypeScript with
// its built-in type stripping (which works outside node_modules only, so a published package
// would need a compiled entry instead), then starts the TypeScript entry point.
import '../scripts/ts-resolve-hook.mjs';

await import('../cli/shipshape.ts');
