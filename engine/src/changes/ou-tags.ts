import type { DesiredOu } from '../desired/types.js';
import type { TagValues } from '../domain/plan.js';

/** The OU tags a file declares, key -> value. */
export function ouTagValues(ou: DesiredOu): Record<string, string> {
  return Object.fromEntries(Object.entries(ou.ouTags).map(([k, v]) => [k, v.value]));
}

export function sameRecord(a: Record<string, string>, b: TagValues): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}
