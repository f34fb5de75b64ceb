// The grading worker's entry point: lets Node load the project's TypeScript (extensionless
// relative imports resolve to `.ts`, types are stripped natively), then starts worker.ts.
import './ts-resolve-hook.mjs';

await import('./worker.ts');
