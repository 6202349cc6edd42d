import type { DesiredAccount, GlobalSettings } from '../desired/types.js';
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

/**
 * The tags the engine writes on an account: the declared ones and <prefix>holder (from holder, else the tag
 * it already has, else the account email).
 */
export function desiredTags(
  settings: Pick<GlobalSettings, 'reservedTags'>,
  account: { email: string; settings: EffectiveSettings },
  current: Tags | undefined,
): Record<string, Sourced<string>> {
  const key = settings.reservedTags.holder;
  const existing = current?.[key];
  const holder =
    account.settings.holder ??
    (existing !== undefined
      ? { value: existing, source: { file: '(kept from AWS)', line: 0 } }
      : { value: account.email, source: { file: '(the account email)', line: 0 } });
  return { ...account.settings.tags, [key]: holder };
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
  const holder = desiredTags(settings, account, current)[settings.reservedTags.holder]!.value;
  const topic = settings.budgets.alertTopicArn;
  return {
    ...(name ? { name } : {}),
    amount: want.amount.value,
    currency: want.currency.value,
    thresholds: [...want.thresholds.value].sort((a, b) => a - b),
    subscribers: [holder, ...(topic ? [topic] : [])].sort(),
  };
}
