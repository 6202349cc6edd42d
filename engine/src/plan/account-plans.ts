import { planBudget } from '../changes/budget-plan.js';
import { planCloseAccount } from '../changes/close-account.js';
import { planContacts } from '../changes/contact-plan.js';
import { planCreateAccount } from '../changes/create-account.js';
import type { ManagedAccount } from '../changes/managed-account.js';
import { planMoveAccount } from '../changes/move-account.js';
import { planStartLifecycle } from '../changes/start-lifecycle.js';
import { planTagAccount } from '../changes/tag-account.js';
import { isManagedBy } from '../domain/managed-tags.js';
import { changeKey } from '../domain/names.js';
import type { ObservedAccount } from '../observed/types.js';
import type { PlanContext } from '../changes/context.js';

export { planCloseAccount };

/**
 * A new account: created, moved from the root to its OU, handed to the lifecycle, given its budget and its
 * alternate contacts.
 */
export function planNewAccount(ctx: PlanContext, account: ManagedAccount): void {
  const createKey = planCreateAccount(ctx, account);
  planMoveAccount(ctx, account, [createKey]);
  planStartLifecycle(ctx, account, [changeKey('move-account', account.address)]);
  planBudget(ctx, account, [createKey]);
  planContacts(ctx, account, [createKey]);
}

/**
 * Move (accounts with a file only), tags, lifecycle, budget and alternate contacts of an account that exists
 * and is active.
 */
export function planExistingAccount(
  ctx: PlanContext,
  account: ManagedAccount & { observed: ObservedAccount },
): void {
  const obs = account.observed;
  const ou = account.settings.organizationalUnit;
  planTagAccount(ctx, account);
  // The apply role moves an account and writes its state only once it carries the mark of what SPA manages.
  const tagKey = changeKey('tag-account', account.address);
  const marking = isManagedBy(obs.tags, ctx.desired.desired.environment) ? [] : [tagKey];
  if (account.file && ou && obs.ouPath !== ou.value) planMoveAccount(ctx, account, marking);
  if (obs.tags[ctx.settings.reservedTags.state] === undefined) planStartLifecycle(ctx, account, marking);
  planBudget(ctx, account, []);
  planContacts(ctx, account, []);
}
