import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ActivityEvent, SigninEvent } from '../../domain/generated/event-types.js';
import { acceptSender } from '../../events/senders.js';
import { consoleLogin, parseSigninEvent } from '../../events/signin-event.js';
import { checkEvent, type Checked } from '../../events/validate.js';
import { onActivityEvent, onConsoleLogin, type ActivityDeps } from '../../runtime/activity.js';
import type { LifecycleDeps } from '../../runtime/deps.js';
import { adoptAtFirstSight, type FirstSightDeps } from '../../runtime/first-sight.js';
import { senderSettings } from '../../runtime/sender-settings.js';
import type { IdempotentRunner } from './idempotency.js';
import { processContainer } from './process-container.js';
import { processBatch, type MessageHandler } from './sqs-batch.js';

type ActivityMessage = { kind: 'signin'; event: SigninEvent } | { kind: 'activity'; event: ActivityEvent };

function parse(value: unknown): Checked<ActivityMessage> {
  if ((value as { source?: unknown } | null)?.source === 'aws.signin') {
    const s = parseSigninEvent(value);
    return s.ok ? { ok: true, value: { kind: 'signin', event: s.value } } : s;
  }
  const a = checkEvent<ActivityEvent>('activity-event', value);
  return a.ok ? { ok: true, value: { kind: 'activity', event: a.value } } : a;
}

/** The activity handler's deps, with what its sender checks read. */
export type ActivityHandlerDeps = ActivityDeps &
  Pick<LifecycleDeps, 'settings' | 'eventBusArn'> &
  FirstSightDeps;

export function activityMessages(deps: ActivityHandlerDeps): MessageHandler<ActivityMessage> {
  return {
    parse,
    key: (m) =>
      m.kind === 'signin' ? (m.event.id ?? m.event.detail.eventID ?? '') : `${m.event.detail.Identifier}`,
    account: (m) => (m.kind === 'signin' ? consoleLogin(m.event).accountId : m.event.detail.Account),
    // A sign-in from the account it is about (or Identity Center's management account); SPA's own from its bus.
    trust: async (m) =>
      acceptSender(
        m.kind === 'signin' ? 'signin' : 'spa',
        {
          account: m.event.account,
          ...(m.kind === 'signin' ? { about: consoleLogin(m.event).accountId } : {}),
        },
        await senderSettings(deps.settings, deps.eventBusArn),
      ),
    handle: async (m) => {
      if (m.kind === 'activity') return onActivityEvent(deps, m.event);
      const login = consoleLogin(m.event);
      // A sign-in is a first sight too: an account in the lifecycle without a record is adopted before it counts.
      if (login.success) await adoptAtFirstSight(deps, login.accountId);
      return onConsoleLogin(deps, login, m.event.id ?? m.event.detail.eventID ?? m.event.detail.eventTime);
    },
  };
}

/** The `<env>-activity` queue: console sign-ins and the SuccessfulOnBoarding / SuccessfulMaintenance activities. */
export async function handleActivity(
  event: SQSEvent,
  deps: ActivityHandlerDeps & { idempotent: IdempotentRunner },
  context?: Context,
): Promise<SQSBatchResponse> {
  return processBatch(event, deps, activityMessages(deps), context);
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const { container } = processContainer();
  const deps = await container.deps();
  return handleActivity(event, { ...deps, idempotent: container.idempotent('activity') }, context);
};
