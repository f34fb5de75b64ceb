/**
 * Review names are a sequence per namespace: `review-0001`, `review-0002`, … A reviewer's new
 * review takes the name after the newest one they saw when they started, so two reviewers who
 * start from the same state choose the same name, and the store's create-if-absent (the API
 * server's AlreadyExists, a file opened with `wx`) gives one of them success and the other a
 * conflict, never a silent overwrite. Pure.
 */
import { REVIEW_NAME } from './schema';
import type { ReadinessReview } from './types';

/** The sequence number of a review name; undefined for a name Shipshape does not write. */
export function reviewSequence(name: string): number | undefined {
  const match = REVIEW_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The name of the review that follows `previous` (the newest the reviewer saw); `review-0001` for the first. */
export function reviewName(previous?: string): string {
  if (previous === undefined) return 'review-0001';
  const sequence = reviewSequence(previous);
  if (sequence === undefined)
    throw new RangeError(`the previous review's name is not review- and a sequence number: ${JSON.stringify(previous.slice(0, 80))}`);
  return `review-${String(sequence + 1).padStart(4, '0')}`;
}

/** Newest first: by sequence (the order the store admitted them in), then by time signed. */
export function newestFirst(a: Pick<ReadinessReview, 'name' | 'signedAt'>, b: Pick<ReadinessReview, 'name' | 'signedAt'>): number {
  return (
    (reviewSequence(b.name) ?? -1) - (reviewSequence(a.name) ?? -1) ||
    Date.parse(b.signedAt) - Date.parse(a.signedAt) ||
    b.name.localeCompare(a.name)
  );
}
