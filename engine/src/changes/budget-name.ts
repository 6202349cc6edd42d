import { budgetName } from '../domain/names.js';
import type { ExistingBudgetTarget } from '../domain/plan.js';

/** A budget the engine changes is always the one of its account: `<environment>-<account id>`. */
export function existingBudget(target: ExistingBudgetTarget, environment: string): string | undefined {
  const want = budgetName(environment, target.accountId);
  return target.name === want
    ? undefined
    : `the budget of account ${target.accountId} is ${want}, not ${target.name}`;
}
