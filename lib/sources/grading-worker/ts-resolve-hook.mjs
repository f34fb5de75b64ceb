// Lets Node run the project's TypeScript directly (Node 24 strips types natively): relative
// imports without an extension resolve to the `.ts` file, as the bundler does for the web app.
// Under lib/ because production needs it: the grading worker (worker-entry.mjs) registers it.
// Developer tasks reach it through scripts/ts-resolve-hook.mjs.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && !/\.[cm]?[jt]sx?$|\.json$/.test(specifier)) {
      // A folder's `index.ts` as well (`lib/checks/catalog` is one), as the bundler resolves it.
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // try the next candidate, then the default resolution
        }
      }
    }
    return nextResolve(specifier, context);
  },
});
