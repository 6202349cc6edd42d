import type { FieldRow } from '../changes/display-rows.js';
import type { ChangeKind } from '../changes/kind.js';
import { KINDS } from '../changes/registry.js';
import type { Action, Change } from '../plan/types.js';

export type { FieldRow };

/** The sign of each action, as terraform users read it: + create, ~ change, - remove or close. */
export const SIGN = Object.fromEntries(Object.values(KINDS).map((k) => [k.action, k.sign])) as Record<
  Action,
  string
>;

/** The fields a change sets, one row each, with the value before, after, and where the new value comes from. */
export function fieldRows(change: Change): FieldRow[] {
  return (KINDS[change.action] as ChangeKind<Action>).rows(change).filter((r) => r.before !== r.after);
}

export function countsLine(byAction: Record<string, number>): string {
  const parts = Object.entries(byAction).map(([action, n]) => `${n} ${action}`);
  return parts.length ? parts.join(', ') : 'no changes';
}
