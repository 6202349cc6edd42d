import type { AccountView } from './account-view.js';
import type { Decision } from './decision.js';
import { adoptedRecord, type AccountRecord, type AccountState } from './states.js';
import { decide } from './transitions.js';

/** What `spa accounts reset|release|expire` would do to an account: the table's decision on the tag request. */
export interface StateRequest {
  view: AccountView;
  decision: Decision;
}

/**
 * The decisions of the transition table for setting the state tag of each account to `value`, as the runtime will
 * take them when the tag comes back as an event: only the accounts it would transition are tagged.
 */
export function stateRequests(
  views: readonly AccountView[],
  value: AccountState,
  ctx: { now: string; stateKey: string; timeoutSeconds: number },
): StateRequest[] {
  return views
    .filter((v) => v.settings !== undefined)
    .map((view) => {
      const record: AccountRecord =
        view.record && view.record.version > 0
          ? view.record
          : adoptedRecord(view.id, view.tags[ctx.stateKey]);
      const decision = decide(
        record,
        { kind: 'tag-set', value, at: ctx.now },
        {
          now: ctx.now,
          eventId: 'preview',
          timeoutSeconds: ctx.timeoutSeconds,
          preparation: view.settings!.preparation.enabled.value,
          purge: view.settings!.purge.enabled.value,
        },
      );
      return { view, decision };
    });
}
