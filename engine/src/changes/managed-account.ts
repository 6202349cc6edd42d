import type { DesiredAccount, GlobalSettings } from '../desired/types.js';
import { MANAGED_TAG_SOURCE, managedTags } from '../domain/managed-tags.js';
import type { EffectiveSettings } from '../domain/model.js';
import type { Sourced } from '../domain/source.js';
import type { ObservedAccount, Tags } from '../observed/types.js';
import type { AccountTarget, BudgetState } from '../domain/plan.js';

/** An account the engine manages, through its file or through its OU. */
export interface ManagedAccount {
  address: string;
  /** The account name: the file name, or the AWS name of an account managed through its OU. */
  name: string;
  email: string;
  file?: DesiredAccount;
  settings: EffectiveSettings;
  observed?: ObservedAccount;
  /** The create-ou change the account's OU waits for, when the OU is created by this plan. */
  ouChange?: string;
}

export function accountTarget(account: ManagedAccount): AccountTarget {
  const t: AccountTarget = { kind: 'account', name: account.name, email: account.email };
  if (account.observed) t.accountId = account.observed.id;
  if (account.file) t.file = account.file.file;
  return t;
}

/** The account part of an address: `account/alice` and `budget/alice` both name `alice`. */
export function subjectOf(address: string): string {
  return address.slice(address.indexOf('/') + 1);
}

/** What the tags of an account are computed from: the environment (the mark) and the reserved keys. */
export interface TagRules {
  environment: string;
  settings: Pick<GlobalSettings, 'reservedTags'>;
}

/** <prefix>holder: from holder, else the tag the account already has, else the account email. */
function holderTag(
  settings: Pick<GlobalSettings, 'reservedTags'>,
  account: { email: string; settings: EffectiveSettings },
  current: Tags | undefined,
): Sourced<string> {
  const existing = current?.[settings.reservedTags.holder];
  return (
    account.settings.holder ??
    (existing !== undefined
      ? { value: existing, source: { file: '(kept from AWS)', line: 0 } }
      : { value: account.email, source: { file: '(the account email)', line: 0 } })
  );
}

/**
 * The tags the engine writes on an account, the one rule of the plan and the runtime: the declared ones,
 * <prefix>holder, and the mark of what SPA manages (managed-by: spa, spa-environment: <environment>).
 */
export function desiredTags(
  rules: TagRules,
  account: { email: string; settings: EffectiveSettings },
  current: Tags | undefined,
): Record<string, Sourced<string>> {
  const mark = Object.entries(managedTags(rules.environment)).map(
    ([k, value]) => [k, { value, source: MANAGED_TAG_SOURCE }] as const,
  );
  return {
    ...account.settings.tags,
    [rules.settings.reservedTags.holder]: holderTag(rules.settings, account, current),
    ...Object.fromEntries(mark),
  };
}

/** The budget an account should have, or undefined when no level gives an amount. */
export function desiredBudget(
  settings: Pick<GlobalSettings, 'reservedTags' | 'budgets'>,
  account: { email: string; settings: EffectiveSettings },
  current: Tags | undefined,
  name: string | undefined,
): BudgetState | undefined {
  const want = account.settings.budget;
  if (!want) return undefined;
  const holder = holderTag(settings, account, current).value;
  const topic = settings.budgets.alertTopicArn;
  return {
    ...(name ? { name } : {}),
    amount: want.amount.value,
    currency: want.currency.value,
    thresholds: [...want.thresholds.value].sort((a, b) => a - b),
    subscribers: [holder, ...(topic ? [topic] : [])].sort(),
  };
}
