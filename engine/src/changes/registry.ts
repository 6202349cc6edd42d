import { attachPolicy } from './attach-policy.js';
import { closeAccount } from './close-account.js';
import { createAccount } from './create-account.js';
import { createBudget } from './create-budget.js';
import { createOu } from './create-ou.js';
import { createPolicy } from './create-policy.js';
import { deleteAlternateContact } from './delete-alternate-contact.js';
import { deleteBudget } from './delete-budget.js';
import { detachPolicy } from './detach-policy.js';
import type { Action, ChangeKind, CheckContext, ExecuteContext, Executed, Readiness } from './kind.js';
import { moveAccount } from './move-account.js';
import { putAlternateContact } from './put-alternate-contact.js';
import { renameAccount } from './rename-account.js';
import { startLifecycle } from './start-lifecycle.js';
import { tagAccount } from './tag-account.js';
import { tagOu } from './tag-ou.js';
import { updateBudget } from './update-budget.js';
import { updatePolicy } from './update-policy.js';
import type { Change } from '../domain/plan.js';

/** Every kind of change, by action. A kind missing here, or an action without a kind, fails to compile. */
export const KINDS: { readonly [A in Action]: ChangeKind<A> } = {
  'close-account': closeAccount,
  'create-ou': createOu,
  'tag-ou': tagOu,
  'create-policy': createPolicy,
  'update-policy': updatePolicy,
  'attach-policy': attachPolicy,
  'detach-policy': detachPolicy,
  'create-account': createAccount,
  'move-account': moveAccount,
  'tag-account': tagAccount,
  'rename-account': renameAccount,
  'put-alternate-contact': putAlternateContact,
  'delete-alternate-contact': deleteAlternateContact,
  'start-lifecycle': startLifecycle,
  'create-budget': createBudget,
  'update-budget': updateBudget,
  'delete-budget': deleteBudget,
};

export function kindOf<A extends Action>(action: A): ChangeKind<A> {
  return KINDS[action];
}

/** The actions in the order a plan runs and shows them. */
export const ACTION_ORDER: readonly Action[] = (Object.keys(KINDS) as Action[]).sort(
  (a, b) => KINDS[a].order - KINDS[b].order,
);

/** Sorts changes by the order of their kind, then by address. */
export function compareChanges(a: Change, b: Change): number {
  return (
    KINDS[a.action].order - KINDS[b.action].order ||
    (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)
  );
}

export function checkChange(change: Change, ctx: CheckContext): Promise<Readiness> {
  return (KINDS[change.action] as ChangeKind<Action>).check(change, ctx);
}

export function executeChange(change: Change, ctx: ExecuteContext): Promise<Executed> {
  return (KINDS[change.action] as ChangeKind<Action>).execute(change, ctx);
}
