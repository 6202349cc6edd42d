import type { OrganizationsEvent } from '../domain/generated/event-types.js';
import { checkEvent, type Checked } from './validate.js';

/**
 * The Organizations events of CloudTrail that the lifecycle reads (schemas/events/organizations-event.schema.json).
 * CreateAccountResult is a service event: the new account's id is in serviceEventDetails.createAccountStatus (the
 * original read requestParameters.accountId of CreateAccount, which is never there).
 */
export type OrganizationsSignal =
  | { kind: 'created'; accountId: string }
  | { kind: 'moved'; accountId: string; destinationParentId: string }
  | { kind: 'tagged'; resourceId: string; tags: Record<string, string> }
  | { kind: 'not-for-us'; reason: string };

export function parseOrganizationsEvent(value: unknown): Checked<OrganizationsEvent> {
  return checkEvent<OrganizationsEvent>('organizations-event', value);
}

export function organizationsSignal(event: OrganizationsEvent): OrganizationsSignal {
  const d = event.detail;
  if (d.errorCode) return { kind: 'not-for-us', reason: `${d.eventName} failed: ${d.errorCode}` };
  const p = d.requestParameters ?? {};
  switch (d.eventName) {
    case 'CreateAccountResult': {
      const status = d.serviceEventDetails?.createAccountStatus;
      if (status?.state !== 'SUCCEEDED' || !status.accountId)
        return { kind: 'not-for-us', reason: `account creation ${status?.state ?? 'without status'}` };
      return { kind: 'created', accountId: status.accountId };
    }
    case 'MoveAccount':
      if (!p.accountId || !p.destinationParentId)
        return { kind: 'not-for-us', reason: 'MoveAccount without account or destination' };
      return { kind: 'moved', accountId: p.accountId, destinationParentId: p.destinationParentId };
    case 'TagResource':
      if (!p.resourceId || !/^[0-9]{12}$/.test(p.resourceId))
        return { kind: 'not-for-us', reason: 'tags of another resource than an account' };
      return {
        kind: 'tagged',
        resourceId: p.resourceId,
        tags: Object.fromEntries((p.tags ?? []).map((t) => [t.key, t.value ?? ''])),
      };
    default:
      return { kind: 'not-for-us', reason: `${d.eventName} is not a lifecycle event` };
  }
}

/** The id that duplicates of one event share: EventBridge's, else CloudTrail's. */
export function organizationsEventId(event: OrganizationsEvent): string {
  return event.id ?? event.detail.eventID ?? `${event.detail.eventName}:${event.detail.eventTime}`;
}
