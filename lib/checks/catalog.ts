/**
 * The catalog: every check Shipshape runs, listed explicitly (no file-system glob), in the
 * order a review reads them.
 */
import { namespaceResourceQuota } from './catalog/namespace-resource-quota';
import { readinessProbe } from './catalog/readiness-probe';
import type { Check } from './types';

export const CATALOG: readonly Check[] = [namespaceResourceQuota, readinessProbe];

export function checkById(id: string): Check | undefined {
  return CATALOG.find((check) => check.id === id);
}
