/**
 * What a loaded configuration means for grading: the severity a check is graded with, whether it
 * runs, and which namespaces are left out. Pure.
 */
import type { Check, Severity } from '../types';
import type { ShipshapeConfig } from './parse';

/** The severity a check is graded with under this configuration. */
export function effectiveSeverity(check: Pick<Check, 'id' | 'severity'>, config: ShipshapeConfig): Severity {
  return config.severityOverrides[check.id] ?? check.severity;
}

export function isCheckDisabled(checkId: string, config: ShipshapeConfig): boolean {
  return config.disabledChecks.includes(checkId);
}

/** Does a namespace name match an `exclude` entry (`*` matches any run of characters)? */
export function namespaceMatches(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const expression = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return expression.test(name);
}

export function isNamespaceExcluded(name: string, config: ShipshapeConfig): boolean {
  return config.excludedNamespaces.some((pattern) => namespaceMatches(name, pattern));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
