import { EngineError } from '../domain/errors.js';
import type { AccountTarget } from '../domain/plan.js';
import type { World } from './world.js';

/** The id of the account a change writes to: its target's, or, for an account this plan created, by email. */
export async function requireAccountId(target: AccountTarget, world: World): Promise<string> {
  const id =
    target.accountId ??
    (await world.accountByEmail(target.email))?.id ??
    (await world.accountByEmail(target.email, true))?.id;
  if (!id)
    throw new EngineError('account-not-found', `account ${target.name} (${target.email}) does not exist`, {
      source: 'system',
    });
  return id;
}
