import { describeContact, sameContact } from '../domain/contacts.js';
import { formatProvenance, type Sourced } from '../domain/source.js';
import type { Contact, ContactType } from '../observed/types.js';
import type { PlanContext } from './context.js';
import { requireAccountId } from './account-id.js';
import { checkContactAccount } from './contact-check.js';
import { contactAddress, contactTarget } from './contact-address.js';
import { accountRows } from './display-rows.js';
import { change, DONE, READY, refused, stale, type ChangeKind } from './kind.js';
import type { ManagedAccount } from './managed-account.js';

/** Sets an alternate contact that is missing or differs (PutAlternateContact writes it whole). */
export function planPutContact(
  ctx: PlanContext,
  account: ManagedAccount,
  type: ContactType,
  now: Contact | null,
  want: Sourced<Contact>,
  dependsOn: string[],
): void {
  const address = contactAddress(account, type);
  const obs = account.observed;
  ctx.changes.push(
    change(putAlternateContact, {
      address,
      reason: now ? 'differs' : obs ? 'missing' : 'new',
      summary: `set the ${type} contact of ${account.name}: ${describeContact(want.value)}`,
      target: contactTarget(account, type),
      before: { contact: now },
      after: { contact: want.value },
      provenance: { [`alternateContacts.${type}`]: formatProvenance(want.source) },
      dependsOn,
      precondition: obs ? { parentId: obs.parentId, contact: now } : { newAccount: true },
    }),
  );
}

export const putAlternateContact: ChangeKind<'put-alternate-contact'> = {
  action: 'put-alternate-contact',
  sign: '~',
  destructive: false,
  order: 57,
  touchesAccount: true,
  rows: accountRows,
  async check(change, ctx) {
    const checked = await checkContactAccount(change, ctx);
    if (!checked.ok) return checked.readiness;
    const { account, type, now } = checked;
    const want = account.settings.alternateContacts[type];
    if (!want || !sameContact(want.value, change.after.contact))
      return refused(`the settings do not give ${change.target.name} this ${type} contact`);
    if (now === undefined)
      return 'newAccount' in change.precondition
        ? READY
        : stale(`account ${change.target.name} exists`, 'it does not');
    if (sameContact(now, change.after.contact)) return DONE;
    const before = 'contact' in change.precondition ? change.precondition.contact : null;
    return sameContact(now, before) ? READY : stale(describeContact(before), describeContact(now));
  },
  async execute(change, { world, accountApi }) {
    const id = await requireAccountId(change.target, world);
    await accountApi.putContact(id, change.target.contactType, change.after.contact);
    return {
      changed: true,
      message: `${change.target.contactType} contact: ${describeContact(change.after.contact)}`,
      resourceId: id,
    };
  },
};
