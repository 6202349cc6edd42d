import type { Change, Finding, Plan } from './generated/types.js';

export type {
  AccountTarget,
  BudgetState,
  BudgetTarget,
  Change,
  ContactTarget,
  ExistingAccountTarget,
  ExistingBudgetTarget,
  Finding,
  OuTarget,
  Plan,
  TagValues,
} from './generated/types.js';

/** The actions of a plan: one per kind of change (engine/src/changes/). */
export type Action = Change['action'];

export const PLAN_VERSION = 2 as const;

export function hasErrorFindings(plan: Pick<Plan, 'findings'>): boolean {
  return plan.findings.some((f: Finding) => f.severity === 'error');
}
