import { isManagedPath, settingsForAccount } from '../desired/index-of.js';
import type { DesiredAccount } from '../desired/types.js';
import type { EffectiveSettings } from '../domain/model.js';
import type { Tags } from '../observed/types.js';
import type { AccountTarget } from '../domain/plan.js';
import { refused, stale, type CheckContext, type Readiness } from './kind.js';
import { subjectOf } from './managed-account.js';

/** The account a change is about, as the settings and AWS show it now. */
export interface CheckedAccount {
  file: DesiredAccount | undefined;
  /** Undefined for an account this plan creates and that does not exist yet. */
  id: string | undefined;
  parentId: string | undefined;
  status: string | undefined;
  settings: EffectiveSettings;
  /** Its tags now, when asked for. */
  tags: Tags | undefined;
}

export type AccountCheck = { ok: true; account: CheckedAccount } | { ok: false; readiness: Readiness };

const fail = (readiness: Readiness): AccountCheck => ({ ok: false, readiness });

/** The account file that the change's address names, checked against the target; or the reason it is refused. */
function claim(
  address: string,
  target: AccountTarget,
  ctx: CheckContext,
): { file: DesiredAccount | undefined } | { refusal: string } {
  const name = subjectOf(address);
  const file = ctx.desired.accountsByName.get(name);
  if (file) {
    if (file.email !== target.email)
      return { refusal: `${file.file} gives the email ${file.email}, the plan ${target.email}` };
    if (file.id !== undefined && target.accountId !== undefined && file.id !== target.accountId)
      return { refusal: `${file.file} gives the id ${file.id}, the plan ${target.accountId}` };
    return { file };
  }
  if (!/^[0-9]{12}$/.test(name) || target.accountId !== name)
    return { refusal: `no account file is named ${name}` };
  const claimed = ctx.desired.accountsByEmail.get(target.email) ?? ctx.desired.accountsById.get(name);
  if (claimed)
    return { refusal: `${claimed.file} manages account ${name}: the plan must address it by name` };
  return { file: undefined };
}

/**
 * Checks who a change is about: the settings in --dir must manage the account (through its file, or through a
 * managed OU), and the account AWS has at the target's id must have the target's email and still be where the
 * plan saw it (or where its file wants it, after an interrupted apply). Reads its tags when `withTags`.
 */
export async function checkAccount(
  change: {
    address: string;
    target: AccountTarget;
    precondition: { parentId?: string } | { newAccount: true };
  },
  ctx: CheckContext,
  options: { withTags?: boolean; closing?: boolean } = {},
): Promise<AccountCheck> {
  const claimed = claim(change.address, change.target, ctx);
  if ('refusal' in claimed) return fail(refused(claimed.refusal));
  const { file } = claimed;
  if (file && file.settings.closed.value !== (options.closing === true))
    return fail(refused(`${file.file} ${options.closing ? 'does not close' : 'closes'} the account`));
  const id = change.target.accountId ?? (await ctx.world.accountByEmail(change.target.email))?.id;
  if (id === undefined) {
    const { settings } = settingsForAccount(ctx.desired, {
      ...(file ? { file } : {}),
      email: change.target.email,
    });
    const account = { file, id, parentId: undefined, status: undefined, settings, tags: undefined };
    return { ok: true, account };
  }
  const planned = 'parentId' in change.precondition ? change.precondition.parentId : undefined;
  const where = await locateAccount(id, change.target.email, planned, file, ctx);
  if ('readiness' in where) return fail(where.readiness);
  const settings = settingsForAccount(ctx.desired, {
    ...(file ? { file } : {}),
    id,
    email: change.target.email,
    ...(where.ouPath !== undefined ? { ouPath: where.ouPath } : {}),
  });
  if (settings.conflicts.length > 0)
    return fail(refused(`CSV rows give account ${id} conflicting values for ${settings.conflicts[0]!.key}`));
  const tags = options.withTags ? await ctx.world.tagsOf(id) : undefined;
  return {
    ok: true,
    account: { file, id, parentId: where.parentId, status: where.status, settings: settings.settings, tags },
  };
}

/**
 * Where the account is now: it must have the change's email and be where the plan saw it (or where its file
 * wants it, after an interrupted apply); without a file, below a managed OU.
 */
async function locateAccount(
  id: string,
  email: string,
  planned: string | undefined,
  file: DesiredAccount | undefined,
  ctx: CheckContext,
): Promise<{ parentId: string; ouPath: string | undefined; status: string } | { readiness: Readiness }> {
  const found = await ctx.world.account(id, planned);
  if (!found) return { readiness: stale(`account ${id} exists`, 'it does not') };
  if (found.email !== email)
    return { readiness: stale(`account ${id} has the email ${email}`, `its email is ${found.email}`) };
  const ouPath = await ctx.world.ouPathOf(found.parentId);
  const here = ouPath || 'the root';
  if (planned !== undefined && found.parentId !== planned) {
    const wanted = file?.settings.organizationalUnit?.value;
    if (wanted === undefined || ouPath !== wanted)
      return {
        readiness: stale(`account ${id} in ${await describeParent(ctx, planned)}`, `it is in ${here}`),
      };
  }
  if (!file && (ouPath === undefined || !isManagedPath(ctx.desired, ouPath)))
    return { readiness: refused(`account ${id} is in ${here}, which no settings file manages`) };
  return { parentId: found.parentId, ouPath, status: found.status };
}

async function describeParent(ctx: CheckContext, parentId: string): Promise<string> {
  const path = await ctx.world.ouPathOf(parentId);
  return path === undefined ? parentId : path || 'the root';
}
