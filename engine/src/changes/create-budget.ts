import { budgetName } from '../domain/names.js';
import { sameBudget, sameBudgetState } from './budget-state.js';
import type { PlanContext } from './context.js';
import type { BudgetState, BudgetTarget } from '../domain/plan.js';
import { budgetSummary, describeBudget } from './budget-words.js';
import { checkBudgetAccount } from './budget-check.js';
import { writeBudget } from './budget-write.js';
import { budgetRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { desiredBudget, type ManagedAccount } from './managed-account.js';

export interface BudgetBase {
  address: string;
  target: BudgetTarget;
  dependsOn: string[];
  provenance?: Record<string, string>;
}

export function planCreateBudget(
  ctx: PlanContext,
  base: BudgetBase,
  account: ManagedAccount,
  want: BudgetState,
): void {
  const obs = account.observed;
  ctx.changes.push(
    change(createBudget, {
      address: base.address,
      reason: 'missing',
      summary: `create the budget of ${account.name}: ${budgetSummary(want)}`,
      target: base.target,
      before: null,
      after: { budget: want },
      provenance: base.provenance ?? {},
      dependsOn: base.dependsOn,
      precondition: obs ? { parentId: obs.parentId, absent: true } : { newAccount: true },
    }),
  );
}

export const createBudget: ChangeKind<'create-budget'> = {
  action: 'create-budget',
  sign: '+',
  destructive: false,
  order: 70,
  touchesAccount: true,
  rows: budgetRows,
  async check(change, ctx) {
    const checked = await checkBudgetAccount(change, ctx);
    if (!checked.ok) return checked.readiness;
    const { account } = checked;
    const name = account.id ? budgetName(ctx.environment, account.id) : undefined;
    const settings = ctx.desired.desired.settings;
    const want = desiredBudget(
      settings,
      { email: change.target.email, settings: account.settings },
      account.tags,
      name,
    );
    if (!want || !sameBudgetState(want, change.after.budget))
      return refused(`the settings do not give ${change.target.accountName} this budget`);
    if (!name) return READY;
    const current = await ctx.world.budget(name);
    if (!current) return READY;
    return sameBudget(current, change.after.budget) ? DONE : stale('no budget yet', describeBudget(current));
  },
  execute: (change, ctx) => writeBudget(change.target, change.after.budget, ctx),
};
