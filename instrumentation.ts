/**
 * Runs once when the server starts. On a Node.js older than the project needs, pages would fail
 * one by one with opaque 500s; stop at once with one sentence instead.
 */
export async function register(): Promise<void> {
  // The check uses Node APIs, so the edge bundle must not see it.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { exitOnOldNode } = await import('./lib/server/node-version');
  exitOnOldNode();
}
