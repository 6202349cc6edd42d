import { EngineError } from '../domain/errors.js';
import { budgetName } from '../domain/names.js';
import { sameBudget } from './budget-state.js';
import type { BudgetState, BudgetTarget } from '../domain/plan.js';
import type { DesiredBudget } from '../ports/budgets.js';
import { requireAccountId } from './account-id.js';
import type { ExecuteContext, Executed } from './kind.js';

/** Creates the budget, or brings the one that exists to `want`: idempotent for create and update alike. */
export async function writeBudget(
  target: BudgetTarget,
  want: BudgetState,
  ctx: ExecuteContext,
): Promise<Executed> {
  const { world } = ctx;
  const id = await requireAccountId(
    {
      kind: 'account',
      name: target.accountName,
      email: target.email,
      ...(target.accountId ? { accountId: target.accountId } : {}),
    },
    world,
  );
  const name = budgetName(ctx.environment, id);
  const desired: DesiredBudget = {
    name,
    accountId: id,
    amount: want.amount,
    currency: want.currency,
    notifications: want.thresholds.map((threshold) => ({ threshold, subscribers: want.subscribers })),
  };
  let current = await world.budget(name, true);
  if (!current) {
    if (await world.budgetStore.createBudget(desired))
      return { changed: true, message: `created ${name}`, resourceId: name };
    current = await world.budget(name, true);
  }
  if (!current)
    throw new EngineError('budget-missing', `budget ${name} could not be created nor read`, {
      source: 'system',
    });
  if (sameBudget(current, want))
    return { changed: false, message: `${name} is up to date`, resourceId: name };
  await world.budgetStore.updateBudget(desired, current);
  return { changed: true, message: `updated ${name}`, resourceId: name };
}
