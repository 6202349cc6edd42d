import type { EVENT_SOURCE } from './runtime-names.js';

/** The schemas of schemas/events/ that SPA's events follow. */
export type EventSchema =
  | 'account-event'
  | 'adopted-account-event'
  | 'exception-event'
  | 'activity-event'
  | 'organizations-event'
  | 'codebuild-event'
  | 'signin-event'
  | 'maintenance-message';

/** An event SPA puts on the bus, before EventBridge gives it an id and a time. */
export interface OutgoingEvent<Label extends string = string, Detail extends object = object> {
  source: typeof EVENT_SOURCE;
  'detail-type': Label;
  detail: Detail;
  /** The schema of schemas/events/ it follows; the publisher checks every event against it. */
  schema: EventSchema;
  /** The account the event is about, for logs. */
  accountId: string;
}
