import { formatProvenance } from '../domain/source.js';
import type { ObservedAccount } from '../observed/types.js';
import type { PlanContext } from './context.js';
import type { ExistingAccountTarget } from '../domain/plan.js';
import { checkAccount } from './account-check.js';
import { accountRows } from './display-rows.js';
import { change, DONE, READY, refused, type ChangeKind } from './kind.js';
import { accountTarget, type ManagedAccount } from './managed-account.js';

export function planCloseAccount(
  ctx: PlanContext,
  account: ManagedAccount & { observed: ObservedAccount },
): void {
  const obs = account.observed;
  ctx.changes.push(
    change(closeAccount, {
      address: account.address,
      reason: 'requested',
      summary: `close ${account.name} (${obs.id}, ${account.email}): the account is suspended, then deleted by AWS after 90 days`,
      target: accountTarget(account) as ExistingAccountTarget,
      before: { status: 'ACTIVE' },
      after: { status: 'SUSPENDED' },
      provenance: { closed: formatProvenance(account.settings.closed.source) },
      dependsOn: [],
      precondition: { status: 'ACTIVE', parentId: obs.parentId },
    }),
  );
}

export const closeAccount: ChangeKind<'close-account'> = {
  action: 'close-account',
  sign: '-',
  destructive: true,
  order: 0,
  touchesAccount: true,
  rows: accountRows,
  async check(change, ctx) {
    if (change.target.accountId === ctx.managementAccountId)
      return refused('the management account cannot be closed');
    const checked = await checkAccount(change, ctx, { closing: true });
    if (!checked.ok) return checked.readiness;
    if (!checked.account.file) return refused(`no account file closes ${change.target.accountId}`);
    return checked.account.status === 'ACTIVE' ? READY : DONE;
  },
  async execute(change, { world, writer }) {
    const id = change.target.accountId;
    const account = await world.reader.readAccount(id);
    if (account && account.status !== 'ACTIVE')
      return { changed: false, message: `already ${account.status}`, resourceId: id };
    await writer.closeAccount(id);
    return { changed: true, message: 'closed (suspended; AWS deletes it after 90 days)', resourceId: id };
  },
};
