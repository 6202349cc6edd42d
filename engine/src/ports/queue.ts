/** An SQS queue that the runtime sends work to (the maintenance fan-out). */
export interface MessageQueue {
  /** Sends the messages (batched by the adapter); fails when any is refused. */
  send(bodies: readonly string[]): Promise<void>;
}
