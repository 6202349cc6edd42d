import type { Provenance, Sourced } from '../domain/source.js';
import type { Tags } from '../observed/types.js';
import type { TagPolicyView } from './tags-diff.js';
import type { TagValues } from '../domain/plan.js';
import { DONE, READY, stale, type Readiness } from './kind.js';

/** Each touched key must hold its value from before the plan or the one the plan writes; other keys do not matter. */
export function compareTags(before: TagValues, after: TagValues, current: Tags): Readiness {
  let done = true;
  for (const [key, old] of Object.entries(before)) {
    const now = current[key] ?? null;
    const want = after[key] ?? null;
    if (now !== want) done = false;
    if (now !== old && now !== want)
      return stale(`${key} = ${JSON.stringify(old)}`, `${key} = ${JSON.stringify(now)}`);
  }
  return done ? DONE : READY;
}

/**
 * Whether the settings ask for every tag value a change writes: a value the desired tags give, or a removal of
 * a key in unsetTags (or, in the authoritative mode, of an undeclared key). Returns the first one they do not.
 */
export function unwantedTag(
  after: TagValues,
  desired: Record<string, Sourced<string>>,
  unset: Record<string, Provenance>,
  policy: TagPolicyView,
): string | undefined {
  for (const [key, value] of Object.entries(after)) {
    if (value !== null) {
      if (desired[key]?.value !== value) return `the settings do not set ${key} = ${JSON.stringify(value)}`;
      continue;
    }
    if (desired[key] !== undefined) return `the settings set ${key}, the plan removes it`;
    const undeclared =
      policy.mode === 'authoritative' && !policy.reserved.includes(key) && !policy.ignore.includes(key);
    if (unset[key] === undefined && !undeclared) return `the settings do not remove ${key}`;
  }
  return undefined;
}

/** The tags to write and the keys to remove, from a change's `after`. */
export function splitTags(after: TagValues): { set: Tags; unset: string[] } {
  const set: Tags = {};
  const unset: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (value === null) unset.push(key);
    else set[key] = value;
  }
  return { set, unset };
}

export function describeTagWrite(set: Tags, unset: string[]): string {
  return [
    Object.keys(set).length ? `set ${Object.keys(set).join(', ')}` : '',
    unset.length ? `removed ${unset.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
