import { KINDS } from '../changes/registry.js';
import { MAX_TAGS } from '../desired/effective.js';
import type { GlobalSettings } from '../desired/types.js';
import type { PlanContext } from '../changes/context.js';
import { tagsAfter } from '../changes/tags-diff.js';
import type { Change, Plan } from './types.js';

/** AWS lets an organization close 10% of its member accounts per 30 days, at least 10 and at most 1,000. */
export function closeQuota(memberAccounts: number): number {
  return Math.min(1000, Math.max(10, Math.floor(memberAccounts * 0.1)));
}

/** The accounts a plan touches: each account that one of its account or budget changes is about. */
export function touchedAccounts(changes: readonly Change[]): number {
  const touched = new Set<string>();
  for (const c of changes) {
    if (!KINDS[c.action].touchesAccount) continue;
    const t = c.target as { accountId?: string; email?: string };
    touched.add(t.accountId ?? t.email ?? c.address);
  }
  return touched.size;
}

/**
 * Whether a plan is large: it closes an account, or touches more than tagPolicy.largePlanShare of the managed
 * accounts. Computed from the changes, the guards' inputs and the settings alone, by plan and apply alike.
 */
export function largeOf(
  changes: readonly Change[],
  guards: Plan['guards'],
  settings: Pick<GlobalSettings, 'tagPolicy'>,
): Plan['large'] {
  const share = settings.tagPolicy.largePlanShare;
  const reasons: string[] = [];
  const destructive = new Map<string, number>();
  for (const c of changes)
    if (KINDS[c.action].destructive) destructive.set(c.action, (destructive.get(c.action) ?? 0) + 1);
  for (const [action, n] of destructive)
    reasons.push(action === 'close-account' ? `closes ${n} account${n === 1 ? '' : 's'}` : `${n} ${action}`);
  const touched = touchedAccounts(changes);
  const managed = guards.managedAccounts;
  if (managed > 0 && (touched / managed) * 100 > share)
    reasons.push(
      `touches ${touched} of ${managed} managed accounts (${((touched / managed) * 100).toFixed(0)}%, more than ${share}%)`,
    );
  return { isLarge: reasons.length > 0, reasons, sharePercent: share };
}

/** AWS refuses more than 50 tags on an account: what the plan would leave is checked before anything runs. */
export function checkTagCounts(ctx: PlanContext): void {
  const byAccount = new Map(ctx.observed.accounts.map((a) => [a.id, a]));
  const state = ctx.settings.reservedTags.state;
  for (const change of ctx.changes) {
    let tags: Record<string, string> | undefined;
    if (change.action === 'tag-account') {
      const obs = byAccount.get(change.target.accountId);
      if (!obs) continue;
      tags = tagsAfter(obs.tags, { before: {}, after: change.after.tags, provenance: {} });
      if (obs.tags[state] === undefined) tags[state] = 'vanilla';
    } else if (change.action === 'create-account') {
      tags = { ...(change.after.tags as Record<string, string>), [state]: 'vanilla' };
    }
    if (!tags || Object.keys(tags).length <= MAX_TAGS) continue;
    const t = change.target;
    ctx.findings.push({
      kind: 'too-many-tags',
      severity: 'error',
      address: change.address,
      ...('accountId' in t && t.accountId ? { accountId: t.accountId } : {}),
      ...(t.file ? { file: t.file } : {}),
      message: `${t.name} would carry ${Object.keys(tags).length} tags, more than the ${MAX_TAGS} AWS allows; unset some (spa explain shows where each comes from)`,
    });
  }
}

/** Closing beyond the quota waits for a later run. */
export function deferClosesBeyondQuota(ctx: PlanContext, activeMembers: number): void {
  const quota = closeQuota(activeMembers);
  const closes = ctx.changes
    .filter((c) => c.action === 'close-account')
    .sort((a, b) => (a.address < b.address ? -1 : 1));
  if (closes.length <= quota) return;
  const deferred = new Set<Change>(closes.slice(quota));
  ctx.changes = ctx.changes.filter((c) => !deferred.has(c));
  for (const c of deferred) {
    ctx.findings.push({
      kind: 'close-deferred',
      severity: 'warning',
      address: c.address,
      ...(c.action === 'close-account' ? { accountId: c.target.accountId } : {}),
      message: `closing ${c.target.name} waits for a later run: AWS closes at most ${quota} accounts of this organization per 30 days`,
    });
  }
}
