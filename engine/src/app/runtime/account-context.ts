import { isManagedPath, settingsForAccount } from '../../desired/index-of.js';
import type { EffectiveSettings } from '../../domain/model.js';
import type { AccountSnapshot } from '../../observed/types.js';
import type { PublishedSettings } from '../../ports/runtime-settings.js';
import type { LifecyclePorts } from './deps.js';

/** An account as the lifecycle sees it: where it is in AWS, its tags, and its effective settings when managed. */
export interface AccountContext {
  account: AccountSnapshot;
  ouPath: string;
  /** Undefined for an account SPA does not manage (no account file, not below a managed OU). */
  settings: EffectiveSettings | undefined;
}

/** Reads the account (DescribeAccount, ListParents, ListTagsForResource) and finds its effective settings. */
export async function accountContext(
  deps: Pick<LifecyclePorts, 'reader' | 'ouPaths'>,
  published: PublishedSettings,
  accountId: string,
): Promise<AccountContext | undefined> {
  const account = await deps.reader.readAccount(accountId);
  if (!account) return undefined;
  const ouPath = (await deps.ouPaths.pathOf(account.parentId)) ?? '';
  return { account, ouPath, settings: managedSettings(published, account, ouPath) };
}

export function managedSettings(
  published: PublishedSettings,
  account: Pick<AccountSnapshot, 'id' | 'email' | 'status'>,
  ouPath: string,
): EffectiveSettings | undefined {
  if (account.status !== 'ACTIVE') return undefined;
  const index = published.index;
  const file = index.accountsById.get(account.id) ?? index.accountsByEmail.get(account.email);
  if (!file && !isManagedPath(index, ouPath)) return undefined;
  if (file?.settings.closed.value) return undefined;
  return settingsForAccount(index, {
    ...(file ? { file } : {}),
    id: account.id,
    email: account.email,
    ouPath,
  }).settings;
}
