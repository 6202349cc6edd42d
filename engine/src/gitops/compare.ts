import type { Change, Plan } from '../plan/types.js';

/** Changes are the same change when their address, action, before and after are. */
export function changeIdentity(c: Change): string {
  return JSON.stringify([c.action, c.address, c.before, c.after]);
}

export interface SplitPlan {
  /** In the plan of the head, not in the plan of the base: what the pull request causes. */
  caused: Change[];
  /** In both: differences that already exist between the base branch and AWS. */
  existing: Change[];
  /** In the plan of the base only: differences that the pull request makes go away. */
  removed: Change[];
}

/** Separates what a pull request causes from what already differs between its base and AWS. */
export function splitByCause(head: Plan, base: Plan | undefined): SplitPlan {
  if (!base) return { caused: head.changes, existing: [], removed: [] };
  const inBase = new Set(base.changes.map(changeIdentity));
  const inHead = new Set(head.changes.map(changeIdentity));
  return {
    caused: head.changes.filter((c) => !inBase.has(changeIdentity(c))),
    existing: head.changes.filter((c) => inBase.has(changeIdentity(c))),
    removed: base.changes.filter((c) => !inHead.has(changeIdentity(c))),
  };
}
