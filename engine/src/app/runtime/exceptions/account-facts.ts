import { settingsForAccount } from '../../../desired/index-of.js';
import type { AccountFacts } from '../../../exceptions/case.js';
import type { PublishedSettings } from '../../../ports/runtime-settings.js';
import { managedSettings } from '../account-context.js';
import type { ExceptionPorts } from './deps.js';

/**
 * The account of an exception as Organizations shows it, with its effective settings (holder, cost center,
 * budget, channels). An account outside the organization is undefined. The channels of an account SPA does not
 * manage are those of settings.yaml `defaults`.
 */
export async function accountFacts(
  deps: Pick<ExceptionPorts, 'reader' | 'ouPaths'>,
  published: PublishedSettings,
  accountId: string,
): Promise<AccountFacts | undefined> {
  const account = await deps.reader.readAccount(accountId);
  if (!account) return undefined;
  const ouPath = (await deps.ouPaths.pathOf(account.parentId)) ?? '';
  const s = published.index.desired.settings;
  const settings = managedSettings(published, account, ouPath);
  const holderKey = s.reservedTags.holder;
  const costCenterKey = s.reporting.costCenterTag;
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    // As the holder tag is set: the tag, else the settings' holder, else the account's email (managed accounts).
    holder: account.tags[holderKey] ?? settings?.holder?.value ?? (settings ? account.email : undefined),
    costCenter: account.tags[costCenterKey] ?? settings?.tags[costCenterKey]?.value,
    ouPath,
    state: account.tags[s.reservedTags.state],
    budget: settings?.budget
      ? { amount: settings.budget.amount.value, currency: settings.budget.currency.value }
      : undefined,
    channels: (settings ?? defaultSettings(published)).notifications.value,
  };
}

/** The effective settings of no account in particular: settings.yaml `defaults` (their channels). */
export function defaultSettings(published: PublishedSettings) {
  return settingsForAccount(published.index, { ouPath: '' }).settings;
}
