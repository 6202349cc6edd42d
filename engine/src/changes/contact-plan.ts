import { sameContact } from '../domain/contacts.js';
import type { ObservedContacts } from '../observed/types.js';
import { contactTypesOf } from './contact-address.js';
import type { PlanContext } from './context.js';
import { planDeleteContact } from './delete-alternate-contact.js';
import type { ManagedAccount } from './managed-account.js';
import { planPutContact } from './put-alternate-contact.js';

/**
 * The alternate contacts of a managed account: set when they differ, removed when the settings unset them.
 * An existing account's contacts must have been read; one this plan creates has none yet.
 */
export function planContacts(ctx: PlanContext, account: ManagedAccount, dependsOn: string[]): void {
  const types = contactTypesOf(account.settings);
  if (types.length === 0) return;
  let current: ObservedContacts = {};
  const obs = account.observed;
  if (obs) {
    const read = ctx.accountApi?.contacts?.get(obs.id);
    // Not read: the Account Management API was not reachable, and a finding of the plan says why.
    if (!read) return;
    if (!read.ok) {
      ctx.findings.push({
        kind: 'contacts-unread',
        severity: 'warning',
        address: account.address,
        accountId: obs.id,
        ...(account.file ? { file: account.file.file } : {}),
        message: `the alternate contacts of ${account.name} (${obs.id}) could not be read, so they are left as they are this time: ${read.reason}`,
      });
      return;
    }
    current = read.contacts;
  }
  for (const type of types) {
    const want = account.settings.alternateContacts[type];
    const now = current[type] ?? null;
    if (want && !sameContact(now, want.value)) planPutContact(ctx, account, type, now, want, dependsOn);
    else if (!want && now && obs) planDeleteContact(ctx, account, obs, type, now);
  }
}
