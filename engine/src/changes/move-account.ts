import { EngineError } from '../domain/errors.js';
import { formatProvenance } from '../domain/source.js';
import type { ObservedAccount } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { checkAccount } from './account-check.js';
import { requireAccountId } from './account-id.js';
import { accountRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { accountTarget, type ManagedAccount } from './managed-account.js';

/** Moves an account with a file into its OU: an existing one that is elsewhere, or one this plan creates. */
export function planMoveAccount(ctx: PlanContext, account: ManagedAccount, dependsOn: string[]): void {
  const ou = account.settings.organizationalUnit!;
  const obs: ObservedAccount | undefined = account.observed;
  ctx.changes.push(
    change(moveAccount, {
      address: account.address,
      reason: obs ? 'differs' : 'new',
      summary: obs
        ? `move ${account.name} from ${obs.ouPath || 'the root'} to ${ou.value}`
        : `move the new account ${account.name} from the root to ${ou.value}`,
      target: accountTarget(account),
      before: { organizationalUnit: obs ? obs.ouPath : '' },
      after: { organizationalUnit: ou.value },
      provenance: { organizationalUnit: formatProvenance(ou.source) },
      dependsOn: [...dependsOn, ...(account.ouChange ? [account.ouChange] : [])],
      precondition: obs ? { parentId: obs.parentId } : { newAccount: true },
    }),
  );
}

export const moveAccount: ChangeKind<'move-account'> = {
  action: 'move-account',
  sign: '~',
  destructive: false,
  order: 40,
  touchesAccount: true,
  rows: accountRows,
  async check(change, ctx) {
    const checked = await checkAccount(change, ctx);
    if (!checked.ok) return checked.readiness;
    const { account } = checked;
    if (!account.file) return refused('accounts without a file are never moved');
    if (account.settings.organizationalUnit?.value !== change.after.organizationalUnit)
      return refused(
        `${account.file.file} puts the account in ${account.settings.organizationalUnit?.value}`,
      );
    const newAccount = 'newAccount' in change.precondition;
    if (!account.id) return newAccount ? READY : stale(`account ${change.target.name} exists`, 'it does not');
    const target = await ctx.world.ouId(change.after.organizationalUnit);
    if (target !== undefined && account.parentId === target) return DONE;
    if (!newAccount) return READY;
    const root = await ctx.world.rootId();
    return account.parentId === root
      ? READY
      : stale(`the new account ${account.id} in the root (${root})`, `its parent is ${account.parentId}`);
  },
  async execute(change, ctx) {
    const { world, writer } = ctx;
    const id = await requireAccountId(change.target, world);
    const path = change.after.organizationalUnit;
    const destination = await world.ouId(path);
    if (!destination) throw new EngineError('ou-missing', `OU ${path} does not exist`, { source: 'system' });
    const source = await world.parentOf(id, true);
    if (source === destination) return { changed: false, message: `already in ${path}`, resourceId: id };
    await writer.moveAccount(id, source!, destination);
    return { changed: true, message: `moved to ${path}`, resourceId: id };
  },
};
