import type { BudgetTarget } from '../plan/types.js';
import { checkAccount, type AccountCheck } from './account-check.js';
import type { CheckContext } from './kind.js';

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
