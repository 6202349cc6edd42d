import type { ActivityEvent } from '../../domain/generated/event-types.js';
import { exceptionEvent } from '../../events/exception-event.js';
import type { ConsoleLogin } from '../../events/signin-event.js';
import type { Ports } from '../../ports/ports.js';
import type { RuntimeContext } from './deps.js';

/** What the activity use cases work through. */
export type ActivityPorts = Pick<Ports, 'records' | 'activities' | 'events' | 'telemetry'> &
  Pick<RuntimeContext, 'environment'>;

/**
 * A console login: with an assumed role, the activity and the last login of the account (for the inventory);
 * as root or as an IAM user, an exception.
 */
export async function onConsoleLogin(
  deps: ActivityPorts,
  login: ConsoleLogin,
  eventId: string,
): Promise<string> {
  if (!login.success) return 'a failed sign-in';
  if (login.who === 'root' || login.who === 'iam-user') {
    const label = login.who === 'root' ? 'ConsoleLoginWithRootException' : 'ConsoleLoginWithIamUserException';
    const as = login.who === 'root' ? 'the root user' : `the IAM user ${login.identity}`;
    await deps.events.publish([
      exceptionEvent(label, {
        environment: deps.environment,
        accountId: login.accountId,
        title: login.who === 'root' ? 'Console login as root' : 'Console login as an IAM user',
        message: `Someone signed in to the console of account ${login.accountId} as ${as} at ${login.at}. Personal accounts are reached through roles (Identity Center): check who it was, and remove the IAM user or secure the root user.`,
        time: login.at,
        identity: login.identity,
      }),
    ]);
    deps.telemetry.count('ExceptionsByLabel', { name: 'Label', value: label });
    return label;
  }
  const identity = login.sessionName ?? login.identity;
  await deps.records.setConsoleLogin(login.accountId, { at: login.at, identity });
  await deps.activities.put({
    kind: 'ConsoleLogin',
    accountId: login.accountId,
    at: login.at,
    id: eventId,
    identity,
  });
  deps.telemetry.count('TransactionsByLabel', { name: 'Label', value: 'ConsoleLoginTransaction' });
  return 'ConsoleLogin';
}

/** SuccessfulOnBoarding and SuccessfulMaintenance, stored for the reports. */
export async function onActivityEvent(deps: ActivityPorts, event: ActivityEvent): Promise<string> {
  const d = event.detail;
  await deps.activities.put({
    kind: event['detail-type'],
    accountId: d.Account,
    at: d.End,
    id: d.Identifier,
    begin: d.Begin,
    durationSeconds: d.DurationSeconds,
    ...(d.CostCenter !== undefined ? { costCenter: d.CostCenter } : {}),
  });
  if (d.CostCenter !== undefined)
    deps.telemetry.count('TransactionsByCostCenter', { name: 'CostCenter', value: d.CostCenter });
  return event['detail-type'];
}
