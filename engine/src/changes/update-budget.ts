import type { ObservedAccount } from '../observed/types.js';
import { budgetState, sameBudget, sameBudgetState } from './budget-state.js';
import type { PlanContext } from './context.js';
import type { BudgetState, ExistingBudgetTarget } from '../domain/plan.js';
import { checkExistingBudget } from './budget-check.js';
import { budgetSummary, describeBudget } from './budget-words.js';
import { writeBudget } from './budget-write.js';
import type { BudgetBase } from './create-budget.js';
import { budgetRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { desiredBudget, type ManagedAccount } from './managed-account.js';

export function planUpdateBudget(
  ctx: PlanContext,
  base: BudgetBase,
  account: ManagedAccount,
  obs: ObservedAccount,
  before: BudgetState,
  want: BudgetState,
): void {
  ctx.changes.push(
    change(updateBudget, {
      address: base.address,
      reason: 'differs',
      summary: `update the budget ${before.name} of ${account.name} to ${budgetSummary(want)}`,
      target: base.target as ExistingBudgetTarget,
      before: { budget: before },
      after: { budget: want },
      provenance: base.provenance ?? {},
      dependsOn: base.dependsOn,
      precondition: { parentId: obs.parentId, budget: before },
    }),
  );
}

export const updateBudget: ChangeKind<'update-budget'> = {
  action: 'update-budget',
  sign: '~',
  destructive: false,
  order: 80,
  touchesAccount: true,
  rows: budgetRows,
  async check(change, ctx) {
    const checked = await checkExistingBudget(change, ctx);
    if (!checked.ok) return checked.readiness;
    const { account } = checked;
    const settings = ctx.desired.desired.settings;
    const want = desiredBudget(
      settings,
      { email: change.target.email, settings: account.settings },
      account.tags,
      change.target.name,
    );
    if (!want || !sameBudgetState(want, change.after.budget))
      return refused(`the settings do not give ${change.target.accountName} this budget`);
    const current = await ctx.world.budget(change.target.name);
    if (!current) return stale(`budget ${change.target.name} exists`, 'it does not');
    if (sameBudget(current, change.after.budget)) return DONE;
    // The plan saw the budget as budgetState shows it (every subscriber of its notifications together).
    return sameBudgetState(budgetState(current), change.precondition.budget)
      ? READY
      : stale(describeBudget(change.precondition.budget), describeBudget(current));
  },
  execute: (change, ctx) => writeBudget(change.target, change.after.budget, ctx),
};
