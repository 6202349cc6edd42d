import type { StateRequest } from '../../lifecycle/state-requests.js';
import { adoptedRecord, type AccountState } from '../../lifecycle/states.js';
import type { OrganizationWriter } from '../../ports/organization.js';
import type { AccountRecords } from '../../ports/records.js';

/**
 * Sets the state tag of the accounts whose request the table allows. An account without a record yet (one of an
 * earlier SPA) gets one first, in the state its tag says now: once the tag changes, the runtime could not tell
 * which state it came from.
 */
export async function requestStates(
  deps: { records: Pick<AccountRecords, 'write'>; writer: Pick<OrganizationWriter, 'tagResource'> },
  requests: readonly StateRequest[],
  value: AccountState,
  ctx: { stateKey: string; now: string },
): Promise<number> {
  let tagged = 0;
  for (const { view, decision } of requests) {
    if (decision.outcome !== 'transition') continue;
    const adopted = adoptedRecord(view.id, view.tags[ctx.stateKey]);
    if ((view.record?.version ?? 0) === 0 && adopted.state !== 'vanilla')
      await deps.records.write({ ...adopted, version: 1, updatedAt: ctx.now }, 0);
    await deps.writer.tagResource(view.id, { [ctx.stateKey]: value });
    tagged++;
  }
  return tagged;
}
