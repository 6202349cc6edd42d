import { EngineError } from '../../domain/errors.js';
import { adoptedEvent, type AdoptedAccountEventDetail } from '../../events/adopted-event.js';
import type { AccountRecord, AccountState } from '../../lifecycle/states.js';
import type { Ports } from '../../ports/ports.js';
import type { RuntimeContext } from './deps.js';

/**
 * Writes the record of an account met without one (an earlier SPA's, or one handed to the lifecycle before the
 * runtime was deployed), in the state its tag shows now, and says so with AdoptedAccount. From then on every
 * change of its tag is judged from that state, as for the accounts the runtime saw born. The write is a compare
 * and set on "no record yet": a record written meanwhile (another event of the same account) wins, and is returned.
 */
export async function adoptAccount(
  deps: Pick<Ports, 'records' | 'events' | 'telemetry'> & Pick<RuntimeContext, 'environment'>,
  accountId: string,
  state: AccountState,
  input: { now: string; by: AdoptedAccountEventDetail['By'] },
): Promise<AccountRecord> {
  const record: AccountRecord = { accountId, state, version: 1, updatedAt: input.now };
  if (!(await deps.records.write(record, 0))) {
    const other = await deps.records.get(accountId);
    if (other && other.version > 0) return other;
    throw new EngineError('record-conflict', `the record of ${accountId} could be neither written nor read`, {
      source: 'system',
    });
  }
  await deps.events.publish([
    adoptedEvent({ environment: deps.environment, accountId, state, time: input.now, by: input.by }),
  ]);
  deps.telemetry.count('AdoptedAccounts');
  deps.telemetry.log('info', `adopted account ${accountId} as ${state}, as its state tag shows`, {
    account: accountId,
    by: input.by,
  });
  return record;
}
