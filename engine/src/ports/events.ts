import type { OutgoingEvent } from '../domain/outgoing-event.js';

/** The default bus of the automation account: every SPA event goes there. */
export interface EventPublisher {
  /** Puts the events in order; fails when any is refused (the message is then redelivered). */
  publish(events: readonly OutgoingEvent[]): Promise<void>;
}
