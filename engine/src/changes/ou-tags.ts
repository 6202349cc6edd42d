import { MANAGED_TAG_SOURCE, managedTags } from '../domain/managed-tags.js';
import type { Sourced } from '../domain/source.js';
import type { DesiredOu } from '../desired/types.js';
import type { TagValues } from '../domain/plan.js';

/** The tags the engine writes on an OU that has a file: its ouTags and the mark of what SPA manages. */
export function ouDesiredTags(ou: DesiredOu, environment: string): Record<string, Sourced<string>> {
  const mark = Object.entries(managedTags(environment)).map(
    ([k, value]) => [k, { value, source: MANAGED_TAG_SOURCE }] as const,
  );
  return { ...ou.ouTags, ...Object.fromEntries(mark) };
}

/** The tags of an OU, key -> value (ouDesiredTags). */
export function ouTagValues(ou: DesiredOu, environment: string): Record<string, string> {
  return Object.fromEntries(Object.entries(ouDesiredTags(ou, environment)).map(([k, v]) => [k, v.value]));
}

export function sameRecord(a: Record<string, string>, b: TagValues): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}
