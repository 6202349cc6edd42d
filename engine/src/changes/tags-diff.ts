import { formatProvenance, type Provenance, type Sourced } from '../domain/source.js';
import type { Tags } from '../observed/types.js';
import type { TagValues } from '../domain/plan.js';

export interface TagDiff {
  before: TagValues;
  after: TagValues;
  provenance: Record<string, string>;
}

export interface TagPolicyView {
  mode: 'additive' | 'authoritative';
  ignore: readonly string[];
  /** Keys never removed by the authoritative mode nor set through tags: state and holder. */
  reserved: readonly string[];
  /** Where the mode is written, for the provenance of removals. */
  modeSource: string;
}

/**
 * The tag changes that bring `observed` to the desired tags: keys to set (with their source), keys in
 * unsetTags that are present, and, in the authoritative mode, undeclared keys.
 */
export function diffTags(
  observed: Tags,
  desired: Record<string, Sourced<string>>,
  unset: Record<string, Provenance>,
  policy: TagPolicyView,
): TagDiff | undefined {
  const before: TagValues = {};
  const after: TagValues = {};
  const provenance: Record<string, string> = {};
  for (const [key, want] of Object.entries(desired)) {
    if (observed[key] === want.value) continue;
    before[key] = observed[key] ?? null;
    after[key] = want.value;
    provenance[`tags.${key}`] = formatProvenance(want.source);
  }
  for (const [key, source] of Object.entries(unset)) {
    if (observed[key] === undefined || desired[key] !== undefined) continue;
    before[key] = observed[key];
    after[key] = null;
    provenance[`tags.${key}`] = `unsetTags (${formatProvenance(source)})`;
  }
  if (policy.mode === 'authoritative') {
    for (const [key, value] of Object.entries(observed)) {
      if (desired[key] !== undefined || unset[key] !== undefined) continue;
      if (policy.reserved.includes(key) || policy.ignore.includes(key)) continue;
      before[key] = value;
      after[key] = null;
      provenance[`tags.${key}`] = `not declared; tagPolicy.mode authoritative (${policy.modeSource})`;
    }
  }
  if (Object.keys(after).length === 0) return undefined;
  return { before: sortKeys(before), after: sortKeys(after), provenance };
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The tags an account carries once `diff` is applied. */
export function tagsAfter(observed: Tags, diff: TagDiff | undefined): Tags {
  const out: Tags = { ...observed };
  for (const [key, value] of Object.entries(diff?.after ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}
