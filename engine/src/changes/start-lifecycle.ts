import type { PlanContext } from './context.js';
import { checkAccount } from './account-check.js';
import { requireAccountId } from './account-id.js';
import { tagRows } from './display-rows.js';
import { change, DONE, READY, refused, type ChangeKind } from './kind.js';
import { accountTarget, type ManagedAccount } from './managed-account.js';

/** The state every managed account without one starts at. */
export const FIRST_STATE = 'vanilla';

/** Hands a managed account without a state (or one this plan creates) to the lifecycle. */
export function planStartLifecycle(ctx: PlanContext, account: ManagedAccount, dependsOn: string[]): void {
  const key = ctx.settings.reservedTags.state;
  const obs = account.observed;
  ctx.changes.push(
    change(startLifecycle, {
      address: account.address,
      reason: 'missing',
      summary: `hand ${account.name} to the lifecycle: ${key} = ${FIRST_STATE}`,
      target: accountTarget(account),
      before: { tags: { [key]: null } },
      after: { tags: { [key]: FIRST_STATE } },
      provenance: {
        [`tags.${key}`]: `the lifecycle starts every managed account without a state at ${FIRST_STATE}`,
      },
      dependsOn,
      precondition: obs ? { parentId: obs.parentId, tags: { [key]: null } } : { newAccount: true },
    }),
  );
}

export const startLifecycle: ChangeKind<'start-lifecycle'> = {
  action: 'start-lifecycle',
  sign: '+',
  destructive: false,
  order: 60,
  touchesAccount: true,
  rows: tagRows,
  async check(change, ctx) {
    const key = ctx.desired.desired.settings.reservedTags.state;
    const entries = Object.entries(change.after.tags);
    if (entries.length !== 1 || entries[0]![0] !== key || entries[0]![1] !== FIRST_STATE)
      return refused(`the lifecycle starts by setting ${key} = ${FIRST_STATE}, and nothing else`);
    const checked = await checkAccount(change, ctx, { withTags: true });
    if (!checked.ok) return checked.readiness;
    // The lifecycle may have started meanwhile (any state): the change is then done, not stale.
    return checked.account.tags?.[key] !== undefined ? DONE : READY;
  },
  async execute(change, { world, writer }) {
    const id = await requireAccountId(change.target, world);
    const [stateKey, value] = Object.entries(change.after.tags)[0] as [string, string];
    // Compare and set: the lifecycle owns the state once it exists.
    const tags = await world.tagsOf(id, true);
    if (tags?.[stateKey] !== undefined)
      return { changed: false, message: `${stateKey} is already ${tags[stateKey]}`, resourceId: id };
    await writer.tagResource(id, { [stateKey]: value });
    return { changed: true, message: `${stateKey} = ${value}`, resourceId: id };
  },
};
