import type { QueueKind } from '../../engine/src/entrypoints/local/provision.js';
import { REPORT_SCHEDULES } from './schedules.js';

/** What a handler may touch besides reading the settings, writing its logs and putting events on the bus. */
export type Access =
  /** The records table and its deadline index. */
  | 'records'
  | 'activities'
  /** Powertools idempotency records. */
  | 'idempotency'
  /** Send to the maintenance queue (the fan-out of a window to OU pages and accounts). */
  | 'maintenance-queue'
  /** Assume the runtime's role in the management account (Organizations, Cost Explorer). */
  | 'organizations'
  /** Assume the member role of the accounts to start preparation and purge builds. */
  | 'member-builds'
  /** The exceptions table: costs of the day per account, the day's Cost Explorer requests. */
  | 'exceptions-table'
  /** Write below exceptions/ of the runtime bucket (the whole text of a message an issue shows cut). */
  | 'exception-texts'
  /** Read the secrets of the stack: the webhooks' URLs and the GitHub App's credentials. */
  | 'secrets'
  /** Send email from the senders of settings.yaml notifications (SES v2). */
  | 'email'
  /** Read the records table (the inventory), without writing it. */
  | 'records-read'
  /** Read the activities table (the activities report), without writing it. */
  | 'activities-read'
  /** Write and remove below reports/ of the runtime bucket (the copy of each committed report). */
  | 'reports-bucket'
  /** Read the GitHub App's credentials (<env>/github-app) to commit the reports. */
  | 'github-app';

export type Trigger =
  /** An SQS queue with its dead-letter queue; `paced` caps concurrency at runtime.maxConcurrentBuilds. */
  | { queue: QueueKind; paced: boolean }
  /** An EventBridge Scheduler schedule of the stack (in UTC). */
  | { schedule: string }
  /** Several schedules of the stack (in UTC), each sending its own input to the function. */
  | { schedules: readonly ScheduleSpec[] };

export interface ScheduleSpec {
  /** The schedule `<env>-<handler>-<name>`. */
  name: string;
  expression: string;
  input: Record<string, string>;
}

export interface HandlerSpec {
  /** Function `<env>-<name>`, role `<env>-runtime-<name>`. */
  name: string;
  /** The file in engine/src/entrypoints/lambda/. */
  entry: string;
  description: string;
  trigger: Trigger;
  access: readonly Access[];
  timeoutSeconds: number;
  memoryMb: number;
  /** Reserved concurrency: 1 makes the handler the one writer to a repository, as GitHub asks. */
  reservedConcurrency?: number;
}

/**
 * Every Lambda of the runtime: adding a handler is one entry here (its file, trigger and access); the automation
 * stack derives the function, role, queue, rules, schedules, alarms and dashboard widgets from it.
 */
export const HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'lifecycle',
    entry: 'on-lifecycle-event.ts',
    description: 'Organizations events and CodeBuild state changes: the account lifecycle',
    trigger: { queue: 'lifecycle', paced: true },
    access: ['records', 'idempotency', 'organizations', 'member-builds'],
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
    name: 'maintenance',
    entry: 'on-maintenance.ts',
    description: 'Maintenance windows: fan-out to OU pages and accounts, then each account expired',
    trigger: { queue: 'maintenance', paced: true },
    access: ['records', 'idempotency', 'maintenance-queue', 'organizations', 'member-builds'],
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
    name: 'activity',
    entry: 'on-activity.ts',
    description: 'Console sign-ins and the activities of on-boarding and maintenance, stored for the reports',
    trigger: { queue: 'activity', paced: false },
    access: ['records', 'activities', 'idempotency', 'organizations'],
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    name: 'exceptions',
    entry: 'on-exception.ts',
    description: 'Exceptions and budget alerts: GitHub issues with the costs, Teams, Slack and email',
    trigger: { queue: 'exceptions', paced: false },
    access: ['idempotency', 'exceptions-table', 'exception-texts', 'organizations', 'secrets', 'email'],
    timeoutSeconds: 120,
    memoryMb: 512,
    reservedConcurrency: 1,
  },
  {
    name: 'deadlines',
    entry: 'on-deadline.ts',
    description: 'Transactions past their deadline: the account reported as stuck, once',
    trigger: { schedule: 'rate(5 minutes)' },
    access: ['records', 'organizations'],
    timeoutSeconds: 120,
    memoryMb: 256,
  },
  {
    name: 'reports',
    entry: 'on-report.ts',
    description:
      'Scheduled reports (costs, activities, inventory): one commit to the repository, copied to the bucket',
    trigger: { schedules: REPORT_SCHEDULES },
    access: ['records-read', 'activities-read', 'organizations', 'reports-bucket', 'github-app'],
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
];

/** The queues that some handler consumes. */
export function queueKinds(handlers: readonly HandlerSpec[]): QueueKind[] {
  return [...new Set(handlers.flatMap((h) => ('queue' in h.trigger ? [h.trigger.queue] : [])))];
}
