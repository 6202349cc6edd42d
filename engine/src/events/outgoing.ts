import { EVENT_SOURCE } from '../domain/runtime-names.js';
import type { EventSchema, OutgoingEvent } from '../domain/outgoing-event.js';

export type { OutgoingEvent };

export function outgoing<Label extends string, Detail extends { Account: string }>(
  schema: EventSchema,
  label: Label,
  detail: Detail,
): OutgoingEvent<Label, Detail> {
  return { source: EVENT_SOURCE, 'detail-type': label, detail, schema, accountId: detail.Account };
}
