import type { StateRequest } from '../../lifecycle/state-requests.js';
import { adoptedRecord, type AccountState } from '../../lifecycle/states.js';
import type { Ports } from '../../ports/ports.js';
import { adoptAccount } from '../runtime/adopt.js';

/**
 * Sets the state tag of the accounts whose request the table allows. An account without a record yet (one of an
 * earlier SPA) is adopted first, as at the runtime's first sight: a record in the state its tag says now and an
 * AdoptedAccount event, since once the tag changes the runtime could not tell which state it came from.
 */
export async function requestStates(
  deps: Pick<Ports, 'records' | 'events' | 'telemetry' | 'writer'> & { environment: string },
  requests: readonly StateRequest[],
  value: AccountState,
  ctx: {
    stateKey: string;
    now: string;
    by: 'spa accounts reset' | 'spa accounts release' | 'spa accounts expire';
  },
): Promise<number> {
  let tagged = 0;
  for (const { view, decision } of requests) {
    if (decision.outcome !== 'transition') continue;
    const adopted = adoptedRecord(view.id, view.tags[ctx.stateKey]);
    if ((view.record?.version ?? 0) === 0 && adopted.state !== 'vanilla')
      await adoptAccount(deps, view.id, adopted.state, { now: ctx.now, by: ctx.by });
    await deps.writer.tagResource(view.id, { [ctx.stateKey]: value });
    tagged++;
  }
  return tagged;
}
