import type { ObservedAccount } from '../observed/types.js';
import { budgetState, sameBudgetState } from './budget-state.js';
import type { PlanContext } from './context.js';
import type { BudgetState, ExistingBudgetTarget } from '../domain/plan.js';
import { checkExistingBudget } from './budget-check.js';
import { describeBudget } from './budget-words.js';
import type { BudgetBase } from './create-budget.js';
import { budgetRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import type { ManagedAccount } from './managed-account.js';

export function planDeleteBudget(
  ctx: PlanContext,
  base: BudgetBase,
  account: ManagedAccount,
  obs: ObservedAccount,
  current: BudgetState,
): void {
  ctx.changes.push(
    change(deleteBudget, {
      address: base.address,
      reason: 'unset',
      summary: `delete the budget ${current.name} of ${account.name}: no level gives a budget amount`,
      target: base.target as ExistingBudgetTarget,
      before: { budget: current },
      after: null,
      provenance: {},
      dependsOn: base.dependsOn,
      precondition: { parentId: obs.parentId, budget: current },
    }),
  );
}

export const deleteBudget: ChangeKind<'delete-budget'> = {
  action: 'delete-budget',
  sign: '-',
  destructive: false,
  order: 90,
  touchesAccount: true,
  rows: budgetRows,
  async check(change, ctx) {
    const checked = await checkExistingBudget(change, ctx);
    if (!checked.ok) return checked.readiness;
    if (checked.account.settings.budget)
      return refused(`the settings still give ${change.target.accountName} a budget`);
    const current = await ctx.world.budget(change.target.name);
    if (!current) return DONE;
    // The plan saw the budget as budgetState shows it (every subscriber of its notifications together).
    return sameBudgetState(budgetState(current), change.precondition.budget)
      ? READY
      : stale(describeBudget(change.precondition.budget), describeBudget(current));
  },
  async execute(change, { world }) {
    await world.budgetStore.deleteBudget(change.target.name);
    return { changed: true, message: `deleted ${change.target.name}`, resourceId: change.target.name };
  },
};
