import type { Contact, ContactType } from '../observed/types.js';

/** Every type of alternate contact, in the order people read them. */
export const CONTACT_TYPES: readonly ContactType[] = ['billing', 'operations', 'security'];

/** Two contacts are the same when their four fields are (AWS writes a contact whole). */
export function sameContact(a: Contact | null | undefined, b: Contact | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.name === b.name && a.title === b.title && a.email === b.email && a.phone === b.phone;
}

/** One line for people: `Security team (CSIRT) <security@example.com> +1 555 0100`. */
export function describeContact(c: Contact | null | undefined): string {
  return c ? `${c.name} (${c.title}) <${c.email}> ${c.phone}` : '(none)';
}
