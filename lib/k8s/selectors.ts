/** Label selectors as the API server evaluates them, and as kubectl prints them. */
import type { LabelSelector } from './objects';

/** Does a label selector select these labels? An empty selector selects everything. */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = have[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

/** Does a label selector have no terms (`{}`, or no selector at all)? */
export function isEmptySelector(selector: LabelSelector | null | undefined): boolean {
  return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}

/** A Service-style selector (plain map): empty or missing selects nothing. */
export function mapSelectorMatches(
  selector: Readonly<Record<string, string | undefined>> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const terms = Object.entries(selector ?? {});
  if (terms.length === 0) return false;
  return terms.every(([key, value]) => labels?.[key] === value);
}

/** A label selector as people write it on the command line: `app=api, tier in (web,api), !legacy`. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else parts.push(`!${expression.key}`);
  }
  return parts.length > 0 ? parts.join(', ') : '{}';
}
