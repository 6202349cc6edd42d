import type { Action, Finding, Plan } from '../domain/generated/types.js';

export type {
  Action,
  BudgetState,
  Change,
  Finding,
  Plan,
  Precondition,
  State,
  Target,
  TagValues,
} from '../domain/generated/types.js';

/** The order in which actions run and are shown: closing first and loud, then the tree, then accounts, then budgets. */
export const ACTION_ORDER: readonly Action[] = [
  'close-account',
  'create-ou',
  'tag-ou',
  'create-account',
  'move-account',
  'tag-account',
  'start-lifecycle',
  'create-budget',
  'update-budget',
  'delete-budget',
];

export const PLAN_VERSION = 1 as const;

export function changeKey(action: Action, address: string): string {
  return `${action}:${address}`;
}

export function hasErrorFindings(plan: Pick<Plan, 'findings'>): boolean {
  return plan.findings.some((f: Finding) => f.severity === 'error');
}
