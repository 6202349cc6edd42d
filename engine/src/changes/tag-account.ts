import type { ObservedAccount } from '../observed/types.js';
import { tagPolicyOf, type PlanContext } from './context.js';
import { diffTags } from './tags-diff.js';
import type { ExistingAccountTarget } from '../domain/plan.js';
import { checkAccount } from './account-check.js';
import { tagRows } from './display-rows.js';
import { change, refused, type ChangeKind } from './kind.js';
import { accountTarget, desiredTags, type ManagedAccount } from './managed-account.js';
import { compareTags, describeTagWrite, splitTags, unwantedTag } from './tags.js';

/** Sets the declared tags that differ, removes unset (and, authoritative, undeclared) ones. */
export function planTagAccount(
  ctx: PlanContext,
  account: ManagedAccount & { observed: ObservedAccount },
): void {
  const obs = account.observed;
  const diff = diffTags(
    obs.tags,
    desiredTags(ctx.desired.desired, account, obs.tags),
    account.settings.unsetTags,
    tagPolicyOf(ctx.settings),
  );
  if (!diff) return;
  const set = Object.values(diff.after).filter((v) => v !== null).length;
  const removed = Object.keys(diff.after).length - set;
  const parts = [set ? `set ${set} tag${set === 1 ? '' : 's'}` : '', removed ? `remove ${removed}` : ''];
  ctx.changes.push(
    change(tagAccount, {
      address: account.address,
      reason:
        removed && !set
          ? 'unset'
          : Object.values(diff.before).every((v) => v === null)
            ? 'missing'
            : 'differs',
      summary: `${parts.filter(Boolean).join(' and ')} on ${account.name} (${Object.keys(diff.after).join(', ')})`,
      target: accountTarget(account) as ExistingAccountTarget,
      before: { tags: diff.before },
      after: { tags: diff.after },
      provenance: diff.provenance,
      dependsOn: [],
      precondition: { parentId: obs.parentId, tags: diff.before },
    }),
  );
}

export const tagAccount: ChangeKind<'tag-account'> = {
  action: 'tag-account',
  sign: '~',
  destructive: false,
  order: 50,
  touchesAccount: true,
  rows: tagRows,
  async check(change, ctx) {
    const checked = await checkAccount(change, ctx, { withTags: true });
    if (!checked.ok) return checked.readiness;
    const { account } = checked;
    const settings = ctx.desired.desired.settings;
    const tags = account.tags ?? {};
    const problem = unwantedTag(
      change.after.tags,
      desiredTags(ctx.desired.desired, { email: change.target.email, settings: account.settings }, tags),
      account.settings.unsetTags,
      tagPolicyOf(settings),
    );
    if (problem) return refused(problem);
    return compareTags(change.precondition.tags, change.after.tags, tags);
  },
  async execute(change, { writer }) {
    const id = change.target.accountId;
    const { set, unset } = splitTags(change.after.tags);
    await writer.tagResource(id, set);
    await writer.untagResource(id, unset);
    return { changed: true, message: describeTagWrite(set, unset), resourceId: id };
  },
};
