import type { EffectiveSettings } from '../domain/model.js';
import { formatProvenance } from '../domain/source.js';
import type { ObservedAccount } from '../observed/types.js';
import { budgetState, sameBudget } from './budget-state.js';
import { budgetName, type PlanContext } from './context.js';
import { diffTags, sortKeys, type TagDiff } from './tags-diff.js';
import { changeKey, type BudgetState, type Target } from './types.js';

/** An account the engine manages, through its file or through its OU. */
export interface ManagedAccount {
  address: string;
  /** The account name: the file name, or the AWS name of an account managed through its OU. */
  name: string;
  email: string;
  file?: string;
  settings: EffectiveSettings;
  observed?: ObservedAccount;
  /** The create-ou change the account's OU waits for, when the OU is created by this plan. */
  ouChange?: string;
  /** Managed through its file: the engine may create, move and close it. */
  byFile: boolean;
}

function target(account: ManagedAccount): Target {
  const t: Target = { kind: 'account', name: account.name, email: account.email };
  if (account.observed) t.accountId = account.observed.id;
  if (account.file) t.file = account.file;
  return t;
}

/** The tags the engine writes on the account: the declared ones and <prefix>holder. */
export function desiredTags(ctx: PlanContext, account: ManagedAccount): EffectiveSettings['tags'] {
  const existing = account.observed?.tags[ctx.reserved.holder];
  const holder =
    account.settings.holder ??
    (existing !== undefined
      ? { value: existing, source: { file: '(kept from AWS)', line: 0 } }
      : { value: account.email, source: { file: '(the account email)', line: 0 } });
  return { ...account.settings.tags, [ctx.reserved.holder]: holder };
}

export function planClose(ctx: PlanContext, account: ManagedAccount & { observed: ObservedAccount }): void {
  const closed = account.settings.closed;
  ctx.changes.push({
    key: changeKey('close-account', account.address),
    address: account.address,
    action: 'close-account',
    reason: 'requested',
    destructive: true,
    summary: `close ${account.name} (${account.observed.id}, ${account.email}): the account is suspended, then deleted by AWS after 90 days`,
    target: target(account),
    before: { status: 'ACTIVE' },
    after: { status: 'SUSPENDED' },
    provenance: { closed: formatProvenance(closed.source) },
    dependsOn: [],
    precondition: { accountId: account.observed.id, email: account.email, status: 'ACTIVE' },
  });
}

export function planNewAccount(ctx: PlanContext, account: ManagedAccount): void {
  const ou = account.settings.organizationalUnit!;
  const tags = desiredTags(ctx, account);
  const createKey = changeKey('create-account', account.address);
  const provenance: Record<string, string> = { organizationalUnit: formatProvenance(ou.source) };
  for (const [key, v] of Object.entries(tags)) provenance[`tags.${key}`] = formatProvenance(v.source);
  ctx.changes.push({
    key: createKey,
    address: account.address,
    action: 'create-account',
    reason: 'missing',
    destructive: false,
    summary: `create ${account.name} (${account.email}) in ${ou.value}`,
    target: target(account),
    before: null,
    after: {
      name: account.name,
      email: account.email,
      organizationalUnit: ou.value,
      tags: sortKeys(Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, v.value]))),
    },
    provenance,
    dependsOn: [],
    precondition: { email: account.email, absent: true },
  });
  ctx.changes.push({
    key: changeKey('move-account', account.address),
    address: account.address,
    action: 'move-account',
    reason: 'new',
    destructive: false,
    summary: `move the new account ${account.name} from the root to ${ou.value}`,
    target: target(account),
    before: { organizationalUnit: '' },
    after: { organizationalUnit: ou.value },
    provenance: { organizationalUnit: formatProvenance(ou.source) },
    dependsOn: [createKey, ...(account.ouChange ? [account.ouChange] : [])],
    precondition: { email: account.email, newAccount: true },
  });
  planLifecycle(ctx, account, [changeKey('move-account', account.address)]);
  planBudget(ctx, account, [createKey]);
}

/** Move (file accounts only), tags, lifecycle and budget of an account that exists and is active. */
export function planExistingAccount(
  ctx: PlanContext,
  account: ManagedAccount & { observed: ObservedAccount },
): void {
  const obs = account.observed;
  const ou = account.settings.organizationalUnit;
  if (account.byFile && ou && obs.ouPath !== ou.value) {
    ctx.changes.push({
      key: changeKey('move-account', account.address),
      address: account.address,
      action: 'move-account',
      reason: 'differs',
      destructive: false,
      summary: `move ${account.name} from ${obs.ouPath || 'the root'} to ${ou.value}`,
      target: target(account),
      before: { organizationalUnit: obs.ouPath },
      after: { organizationalUnit: ou.value },
      provenance: { organizationalUnit: formatProvenance(ou.source) },
      dependsOn: account.ouChange ? [account.ouChange] : [],
      precondition: { accountId: obs.id, email: account.email, status: 'ACTIVE', parentId: obs.parentId },
    });
  }
  const diff = diffTags(obs.tags, desiredTags(ctx, account), account.settings.unsetTags, {
    mode: ctx.settings.tagPolicy.mode,
    ignore: ctx.settings.tagPolicy.ignore,
    reserved: [ctx.reserved.state, ctx.reserved.holder],
    modeSource: ctx.settingsFile,
  });
  if (diff) planTagChange(ctx, account, obs, diff);
  if (obs.tags[ctx.reserved.state] === undefined) planLifecycle(ctx, account, []);
  planBudget(ctx, account, []);
}

function planTagChange(ctx: PlanContext, account: ManagedAccount, obs: ObservedAccount, diff: TagDiff): void {
  const set = Object.values(diff.after).filter((v) => v !== null).length;
  const removed = Object.keys(diff.after).length - set;
  const parts = [
    set ? `set ${set} tag${set === 1 ? '' : 's'}` : '',
    removed ? `remove ${removed}` : '',
  ].filter(Boolean);
  ctx.changes.push({
    key: changeKey('tag-account', account.address),
    address: account.address,
    action: 'tag-account',
    reason:
      removed && !set ? 'unset' : Object.values(diff.before).every((v) => v === null) ? 'missing' : 'differs',
    destructive: false,
    summary: `${parts.join(' and ')} on ${account.name} (${Object.keys(diff.after).join(', ')})`,
    target: target(account),
    before: { tags: diff.before },
    after: { tags: diff.after },
    provenance: diff.provenance,
    dependsOn: [],
    precondition: { accountId: obs.id, email: account.email, status: 'ACTIVE', tags: diff.before },
  });
}

function planLifecycle(ctx: PlanContext, account: ManagedAccount, dependsOn: string[]): void {
  const key = ctx.reserved.state;
  const precondition = account.observed
    ? {
        accountId: account.observed.id,
        email: account.email,
        status: 'ACTIVE' as const,
        tags: { [key]: null },
      }
    : { email: account.email, newAccount: true };
  ctx.changes.push({
    key: changeKey('start-lifecycle', account.address),
    address: account.address,
    action: 'start-lifecycle',
    reason: 'missing',
    destructive: false,
    summary: `hand ${account.name} to the lifecycle: ${key} = vanilla`,
    target: target(account),
    before: { tags: { [key]: null } },
    after: { tags: { [key]: 'vanilla' } },
    provenance: { [`tags.${key}`]: 'the lifecycle starts every managed account without a state at vanilla' },
    dependsOn,
    precondition,
  });
}

function subscribersOf(ctx: PlanContext, account: ManagedAccount): string[] {
  const holder = desiredTags(ctx, account)[ctx.reserved.holder]!.value;
  const topic = ctx.settings.budgets.alertTopicArn;
  return [holder, ...(topic ? [topic] : [])].sort();
}

function planBudget(ctx: PlanContext, account: ManagedAccount, dependsOn: string[]): void {
  const address = `budget/${account.address.slice('account/'.length)}`;
  const obs = account.observed;
  const name = obs ? budgetName(ctx.settings, obs.id) : undefined;
  const current = name ? ctx.budgets.get(name) : undefined;
  const want = account.settings.budget;
  const budgetTarget: Target = {
    kind: 'budget',
    accountName: account.name,
    email: account.email,
    ...(name ? { name } : {}),
    ...(obs ? { accountId: obs.id } : {}),
  };
  if (!want) {
    if (current) {
      ctx.changes.push({
        key: changeKey('delete-budget', address),
        address,
        action: 'delete-budget',
        reason: 'unset',
        destructive: false,
        summary: `delete the budget ${current.name} of ${account.name}: no level gives a budget amount`,
        target: budgetTarget,
        before: { budget: budgetState(current) },
        after: null,
        provenance: {},
        dependsOn,
        precondition: { budget: budgetState(current) },
      });
    }
    return;
  }
  const desired: BudgetState = {
    ...(name ? { name } : {}),
    amount: want.amount.value,
    currency: want.currency.value,
    thresholds: [...want.thresholds.value].sort((a, b) => a - b),
    subscribers: subscribersOf(ctx, account),
  };
  const provenance: Record<string, string> = {
    'budget.amount': formatProvenance(want.amount.source),
    'budget.currency': formatProvenance(want.currency.source),
    'budget.thresholds': formatProvenance(want.thresholds.source),
    'budget.subscribers': `holder and budgets.alertTopicArn (${ctx.settingsFile})`,
  };
  const describe = `${desired.amount} ${desired.currency}, alerts at ${desired.thresholds.map((t) => `${t}%`).join(', ')}`;
  if (!current) {
    ctx.changes.push({
      key: changeKey('create-budget', address),
      address,
      action: 'create-budget',
      reason: 'missing',
      destructive: false,
      summary: `create the budget of ${account.name}: ${describe}`,
      target: budgetTarget,
      before: null,
      after: { budget: desired },
      provenance,
      dependsOn,
      precondition: obs ? { accountId: obs.id, absent: true } : { email: account.email, newAccount: true },
    });
    return;
  }
  if (sameBudget(current, desired)) return;
  const before = budgetState(current);
  ctx.changes.push({
    key: changeKey('update-budget', address),
    address,
    action: 'update-budget',
    reason: 'differs',
    destructive: false,
    summary: `update the budget ${current.name} of ${account.name} to ${describe}`,
    target: budgetTarget,
    before: { budget: before },
    after: { budget: desired },
    provenance,
    dependsOn,
    precondition: { accountId: obs!.id, budget: before },
  });
}
