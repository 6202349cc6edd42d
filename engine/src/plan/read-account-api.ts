import { contactTypesOf } from '../changes/contact-address.js';
import { indexDesired } from '../desired/index-of.js';
import type { DesiredOrganization } from '../desired/types.js';
import { EngineError } from '../domain/errors.js';
import type { ObservedOrganization } from '../observed/types.js';
import type { AccountManagement } from '../ports/account-management.js';
import type { ContactsRead, ObservedAccountApi } from '../changes/context.js';
import { renamesNeeded } from './account-api.js';
import { contactReadsOf } from './contact-reads.js';

/**
 * Asks the Account Management API what the plan needs, and nothing else: its trusted access when an account
 * is to be renamed or has contacts in the settings, and the contacts the settings declare or unset. A read
 * that still fails after its retries (the API throttles early) leaves that account's contacts unread: a
 * warning of the plan, never a failed plan.
 */
export async function readAccountApi(
  api: AccountManagement,
  desired: DesiredOrganization,
  observed: ObservedOrganization,
  phase?: (text: string) => void,
): Promise<ObservedAccountApi> {
  const reads = contactReadsOf(indexDesired(desired), observed);
  const needed =
    reads.size > 0 ||
    renamesNeeded(desired, observed) ||
    desired.accounts.some((a) => contactTypesOf(a.settings).length > 0);
  if (!needed) return {};
  phase?.('checking the trusted access of AWS Account Management');
  const trustedAccess = await api.trustedAccess();
  const out: ObservedAccountApi = { trustedAccess, contactsWanted: reads.size };
  if (!trustedAccess || reads.size === 0) return out;
  phase?.(`reading the alternate contacts of ${reads.size} account(s)`);
  const contacts = new Map<string, ContactsRead>();
  await Promise.all(
    [...reads].map(async ([id, types]) => {
      try {
        contacts.set(id, { ok: true, contacts: await api.readContacts(id, types) });
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        contacts.set(id, { ok: false, reason: error.message });
      }
    }),
  );
  out.contacts = contacts;
  return out;
}
