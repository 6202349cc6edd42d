import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EngineError } from '../../domain/errors.js';
import type { OutgoingEvent } from '../../events/outgoing.js';
import { checkEvent } from '../../events/validate.js';
import type { EventPublisher } from '../../ports/events.js';
import type { AwsCaller } from './retry.js';

/** PutEvents on the default bus of the automation account, 10 at a time, each checked against its schema. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly caller: AwsCaller,
    private readonly busName = 'default',
  ) {}

  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    for (const e of events) {
      const { schema, accountId: _accountId, ...event } = e;
      const checked = checkEvent(schema, event);
      if (!checked.ok)
        throw new EngineError(
          'invalid-event',
          `refused to emit an invalid ${e['detail-type']}: ${checked.problem}`,
          {
            source: 'system',
          },
        );
    }
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      const out = await this.caller.write('PutEvents', () =>
        this.client.send(
          new PutEventsCommand({
            Entries: batch.map((e) => ({
              EventBusName: this.busName,
              Source: e.source,
              DetailType: e['detail-type'],
              Detail: JSON.stringify(e.detail),
            })),
          }),
        ),
      );
      if ((out.FailedEntryCount ?? 0) > 0) {
        const failed = (out.Entries ?? []).find((x) => x.ErrorCode);
        throw new EngineError(
          'aws-call-failed',
          `PutEvents refused ${out.FailedEntryCount} event(s): ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`,
          { source: 'system' },
        );
      }
    }
  }
}
