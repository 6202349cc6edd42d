import type { Contact, ContactType } from '../observed/types.js';
import type { ContactTarget } from '../domain/plan.js';
import { checkAccount, type CheckedAccount } from './account-check.js';
import { accountAddressOf } from './contact-address.js';
import type { CheckContext, Readiness } from './kind.js';

export type ContactCheck =
  | { ok: true; account: CheckedAccount; type: ContactType; now: Contact | null | undefined }
  | { ok: false; readiness: Readiness };

/**
 * Checks the account of a contact change as every account change is checked (the settings manage it, AWS
 * has it where the plan saw it), and reads its contact of the change's type (undefined while the account
 * this plan creates does not exist).
 */
export async function checkContactAccount(
  change: {
    address: string;
    target: ContactTarget;
    precondition: { parentId: string } | { newAccount: true };
  },
  ctx: CheckContext,
): Promise<ContactCheck> {
  const checked = await checkAccount({ ...change, address: accountAddressOf(change.address) }, ctx);
  if (!checked.ok) return checked;
  const type = change.target.contactType;
  const id = checked.account.id;
  const now = id === undefined ? undefined : await ctx.world.contact(id, type);
  return { ok: true, account: checked.account, type, now };
}
