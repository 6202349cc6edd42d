import { describeContact, sameContact } from '../domain/contacts.js';
import { formatProvenance } from '../domain/source.js';
import type { Contact, ContactType, ObservedAccount } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { requireAccountId } from './account-id.js';
import { checkContactAccount } from './contact-check.js';
import { contactAddress, contactTarget } from './contact-address.js';
import { accountRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import type { ManagedAccount } from './managed-account.js';

/** Removes an alternate contact that the settings unset (unsetAlternateContacts) and the account has. */
export function planDeleteContact(
  ctx: PlanContext,
  account: ManagedAccount,
  obs: ObservedAccount,
  type: ContactType,
  now: Contact,
): void {
  const address = contactAddress(account, type);
  const source = account.settings.unsetAlternateContacts[type];
  ctx.changes.push(
    change(deleteAlternateContact, {
      address,
      reason: 'unset',
      summary: `remove the ${type} contact of ${account.name} (${describeContact(now)})`,
      target: contactTarget(account, type),
      before: { contact: now },
      after: { contact: null },
      provenance: source ? { [`alternateContacts.${type}`]: formatProvenance(source) } : {},
      dependsOn: [],
      precondition: { parentId: obs.parentId, contact: now },
    }),
  );
}

export const deleteAlternateContact: ChangeKind<'delete-alternate-contact'> = {
  action: 'delete-alternate-contact',
  sign: '-',
  destructive: false,
  order: 58,
  touchesAccount: true,
  rows: accountRows,
  async check(change, ctx) {
    const checked = await checkContactAccount(change, ctx);
    if (!checked.ok) return checked.readiness;
    const { account, type, now } = checked;
    if (account.settings.alternateContacts[type] || !account.settings.unsetAlternateContacts[type])
      return refused(`the settings do not remove the ${type} contact of ${change.target.name}`);
    if (now === undefined) return stale(`account ${change.target.name} exists`, 'it does not');
    if (now === null) return DONE;
    return sameContact(now, change.precondition.contact)
      ? READY
      : stale(describeContact(change.precondition.contact), describeContact(now));
  },
  async execute(change, { world, accountApi }) {
    const id = await requireAccountId(change.target, world);
    const removed = await accountApi.deleteContact(id, change.target.contactType);
    return {
      changed: removed,
      message: removed ? `${change.target.contactType} contact removed` : 'no such contact',
      resourceId: id,
    };
  },
};
