import { EVENT_SOURCE } from '../domain/runtime-names.js';
import type { EventSchema } from './validate.js';

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

export function outgoing<Label extends string, Detail extends { Account: string }>(
  schema: EventSchema,
  label: Label,
  detail: Detail,
): OutgoingEvent<Label, Detail> {
  return { source: EVENT_SOURCE, 'detail-type': label, detail, schema, accountId: detail.Account };
}
