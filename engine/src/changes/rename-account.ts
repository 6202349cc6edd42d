import type { DesiredAccount } from '../desired/types.js';
import type { ObservedAccount } from '../observed/types.js';
import type { PlanContext } from './context.js';
import type { ExistingAccountTarget } from '../domain/plan.js';
import { checkAccount } from './account-check.js';
import { accountRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import { accountTarget, type ManagedAccount } from './managed-account.js';

/**
 * An account with a file whose AWS name differs: renamed to its file name (settings.yaml `accountNames:
 * reconcile`, the default), else reported. Accounts without a file keep the name AWS gives them.
 */
export function planAccountName(
  ctx: PlanContext,
  file: DesiredAccount,
  account: ManagedAccount & { observed: ObservedAccount },
): void {
  const obs = account.observed;
  if (obs.name === file.name) return;
  if (ctx.settings.accountNames === 'report' || obs.status !== 'ACTIVE' || file.settings.closed.value) {
    ctx.findings.push({
      kind: 'name-mismatch',
      severity: 'warning',
      address: account.address,
      accountId: obs.id,
      file: file.file,
      message: `account ${obs.id} is named "${obs.name}" in AWS and "${file.name}" in git; ${
        ctx.settings.accountNames === 'report'
          ? `${ctx.settings.file} says accountNames: report, so names are not changed (rename it in the AWS console, or rename the file)`
          : 'the account is not active or is being closed, so it is not renamed'
      }`,
    });
    return;
  }
  ctx.changes.push(
    change(renameAccount, {
      address: account.address,
      reason: 'differs',
      summary: `rename account ${obs.id} from "${obs.name}" to "${file.name}"`,
      target: accountTarget(account) as ExistingAccountTarget,
      before: { accountName: obs.name },
      after: { accountName: file.name },
      provenance: { accountName: `${file.file} (the file name)` },
      dependsOn: [],
      precondition: { parentId: obs.parentId, name: obs.name },
    }),
  );
}

export const renameAccount: ChangeKind<'rename-account'> = {
  action: 'rename-account',
  sign: '~',
  destructive: false,
  order: 55,
  touchesAccount: true,
  rows: accountRows,
  async check(change, ctx) {
    if (ctx.desired.desired.settings.accountNames !== 'reconcile')
      return refused(`${ctx.desired.desired.settings.file} says accountNames: report`);
    const checked = await checkAccount(change, ctx);
    if (!checked.ok) return checked.readiness;
    const { file, id, parentId } = checked.account;
    if (!file) return refused('accounts without a file are never renamed');
    if (file.name !== change.after.accountName) return refused(`${file.file} names the account ${file.name}`);
    const found = id === undefined ? undefined : await ctx.world.account(id, parentId);
    if (!found) return stale(`account ${change.target.accountId} exists`, 'it does not');
    if (found.name === change.after.accountName) return DONE;
    return found.name === change.precondition.name
      ? READY
      : stale(`the account is named "${change.precondition.name}"`, `it is named "${found.name}"`);
  },
  async execute(change, { accountApi }) {
    const id = change.target.accountId;
    await accountApi.putAccountName(id, change.after.accountName);
    return { changed: true, message: `renamed to ${change.after.accountName}`, resourceId: id };
  },
};
