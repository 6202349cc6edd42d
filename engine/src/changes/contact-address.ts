import { CONTACT_TYPES } from '../domain/contacts.js';
import type { ContactTarget } from '../domain/plan.js';
import type { ContactType } from '../observed/types.js';
import { accountTarget, subjectOf, type ManagedAccount } from './managed-account.js';

/** `contact/<account>/<type>`: one change per type of contact of an account. */
export function contactAddress(account: ManagedAccount, type: ContactType): string {
  return `contact/${subjectOf(account.address)}/${type}`;
}

/** The address of the account a contact change is about: `contact/alice/security` -> `account/alice`. */
export function accountAddressOf(contactAddress: string): string {
  return `account/${contactAddress.slice('contact/'.length, contactAddress.lastIndexOf('/'))}`;
}

export function contactTarget(account: ManagedAccount, type: ContactType): ContactTarget {
  return { ...accountTarget(account), contactType: type };
}

/** The types of contacts an account's settings declare or unset: the only ones the plan reads. */
export function contactTypesOf(settings: ManagedAccount['settings']): ContactType[] {
  return CONTACT_TYPES.filter(
    (t) => settings.alternateContacts[t] !== undefined || settings.unsetAlternateContacts[t] !== undefined,
  );
}
