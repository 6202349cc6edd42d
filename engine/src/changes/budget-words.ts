import { budgetState } from './budget-state.js';
import type { ObservedBudget } from '../observed/types.js';
import type { BudgetState } from '../domain/plan.js';

/** One line for a budget: `200 USD, alerts at 80%, 100% to alice@example.com`. */
export function describeBudget(b: BudgetState | ObservedBudget): string {
  const s = 'subscribers' in b ? b : budgetState(b);
  return `${s.amount} ${s.currency}, thresholds ${s.thresholds.join('/')}, to ${s.subscribers.join(', ')}`;
}

/** How a plan summary names the budget it wants: `200 USD, alerts at 80%, 100%`. */
export function budgetSummary(want: BudgetState): string {
  return `${want.amount} ${want.currency}, alerts at ${want.thresholds.map((t) => `${t}%`).join(', ')}`;
}
