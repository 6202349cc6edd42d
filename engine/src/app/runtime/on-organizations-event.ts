import type { OrganizationsEvent } from '../../domain/generated/event-types.js';
import { organizationsEventId, organizationsSignal } from '../../events/organizations-event.js';
import { applyTrigger, type TriggerResult } from './apply-trigger.js';
import type { LifecyclePorts } from './deps.js';
import { adoptAtFirstSight } from './first-sight.js';

export type HandledResult = TriggerResult | { outcome: 'not-for-us'; reason: string };

/**
 * CreateAccountResult, MoveAccount and TagResource of the state tag: whichever comes first on-boards a managed
 * account, the others find it on-boarding. A TagResource of the state tag is a request to the table (the
 * runtime's own tag writes come back this way too, and are recognised).
 */
export async function onOrganizationsEvent(
  deps: LifecyclePorts,
  event: OrganizationsEvent,
): Promise<HandledResult> {
  const signal = organizationsSignal(event);
  const eventId = organizationsEventId(event);
  switch (signal.kind) {
    case 'not-for-us':
      return { outcome: 'not-for-us', reason: signal.reason };
    case 'created':
      return applyTrigger(deps, signal.accountId, { kind: 'created' }, eventId);
    case 'moved':
      return applyTrigger(deps, signal.accountId, { kind: 'moved' }, eventId);
    case 'tagged': {
      const stateKey = (await deps.published.current()).index.desired.settings.reservedTags.state;
      const value = signal.tags[stateKey];
      if (value === undefined) {
        const adopted = await adoptAtFirstSight(deps, signal.resourceId);
        return {
          outcome: 'not-for-us',
          reason: `no ${stateKey} among the tags${adopted ? ' (adopted)' : ''}`,
        };
      }
      return applyTrigger(
        deps,
        signal.resourceId,
        { kind: 'tag-set', value, at: event.detail.eventTime },
        eventId,
      );
    }
  }
}
