import type { BudgetTarget, ExistingBudgetTarget } from '../domain/plan.js';
import { checkAccount, type AccountCheck } from './account-check.js';
import { existingBudget } from './budget-name.js';
import { refused, type CheckContext } from './kind.js';

/** Checks the account of a budget change, as account changes are checked. */
export function checkBudgetAccount(
  change: {
    address: string;
    target: BudgetTarget;
    precondition: { parentId?: string } | { newAccount: true };
  },
  ctx: CheckContext,
): Promise<AccountCheck> {
  const t = change.target;
  return checkAccount(
    {
      address: change.address,
      target: {
        kind: 'account',
        name: t.accountName,
        email: t.email,
        ...(t.accountId !== undefined ? { accountId: t.accountId } : {}),
      },
      precondition: change.precondition,
    },
    ctx,
    { withTags: true },
  );
}

/** The checks every change of an existing budget starts with: its name is its account's, and the account's. */
export async function checkExistingBudget(
  change: { address: string; target: ExistingBudgetTarget; precondition: { parentId: string } },
  ctx: CheckContext,
): Promise<AccountCheck> {
  const wrongName = existingBudget(change.target, ctx.environment);
  if (wrongName) return { ok: false, readiness: refused(wrongName) };
  return checkBudgetAccount(change, ctx);
}
