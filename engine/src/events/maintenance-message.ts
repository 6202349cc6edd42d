import type {
  AccountMessage,
  MaintenanceMessage,
  OuPageMessage,
  WindowMessage,
} from '../domain/generated/event-types.js';
import { checkEvent, type Checked } from './validate.js';

/**
 * The messages of the maintenance queue (schemas/events/maintenance-message.schema.json): a window that
 * Scheduler sends, one message per page of accounts of an OU, then one per account. No message does more than
 * one page of work, so that 10,000 accounts never run in one Lambda.
 */
export type { AccountMessage, MaintenanceMessage, OuPageMessage, WindowMessage };

export function parseMaintenanceMessage(value: unknown): Checked<MaintenanceMessage> {
  return checkEvent<MaintenanceMessage>('maintenance-message', value);
}

/** The idempotency key of a message: a window execution, a page of an OU, or an account in a window. */
export function maintenanceMessageId(m: MaintenanceMessage): string {
  if (m.kind === 'window') return `window:${m.executionId}`;
  if (m.kind === 'ou-page') return `page:${m.executionId}:${m.ouId}:${m.nextToken ?? ''}`;
  return `account:${m.executionId}:${m.accountId}`;
}

/**
 * The Input of a maintenance schedule: Scheduler replaces the context attributes when it sends it, so that each
 * firing carries its own execution id.
 */
export function windowInput(window: string, timezone: string, ous: string[]): string {
  return JSON.stringify({
    kind: 'window',
    window,
    timezone,
    ous,
    executionId: '<aws.scheduler.execution-id>',
    scheduledTime: '<aws.scheduler.scheduled-time>',
  } satisfies WindowMessage);
}
