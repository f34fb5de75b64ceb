/**
 * The pure review model in one import: the stored object and its validation, names, the compact
 * result, "since sign-off" and drafts. The stores (file-store.ts, the live store) and
 * config-digest.ts (node:crypto) are imported on their own.
 */
export * from './draft';
export * from './names';
export * from './result';
export * from './schema';
export * from './since-signoff';
export * from './types';
