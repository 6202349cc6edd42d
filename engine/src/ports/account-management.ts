import type { Contact, ContactType, ObservedContacts } from '../observed/types.js';

/**
 * The AWS Account Management API (account.amazonaws.com), called from the management account for member
 * accounts. It works only while the organization gives AWS Account Management trusted access.
 */
export interface AccountManagement {
  /** Whether trusted access for account.amazonaws.com is enabled (ListAWSServiceAccessForOrganization). */
  trustedAccess(): Promise<boolean>;
  putAccountName(accountId: string, name: string): Promise<void>;
  /** The alternate contacts of these types (null: none), one GetAlternateContact each, throttling retried. */
  readContacts(accountId: string, types: readonly ContactType[]): Promise<ObservedContacts>;
  putContact(accountId: string, type: ContactType, contact: Contact): Promise<void>;
  /** Removes a contact; false when the account had none of that type. */
  deleteContact(accountId: string, type: ContactType): Promise<boolean>;
}
