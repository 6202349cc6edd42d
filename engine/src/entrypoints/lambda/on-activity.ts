import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ActivityEvent, SigninEvent } from '../../domain/generated/event-types.js';
import { acceptSender } from '../../events/senders.js';
import { consoleLogin, parseSigninEvent } from '../../events/signin-event.js';
import { checkEvent, type Checked } from '../../events/validate.js';
import { onActivityEvent, onConsoleLogin, type ActivityPorts } from '../../app/runtime/activity.js';
import type { LifecyclePorts } from '../../app/runtime/deps.js';
import { senderSettings } from '../../app/runtime/sender-settings.js';
import { adoptAtFirstSight, type FirstSightPorts } from '../../app/runtime/first-sight.js';
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
export type ActivityHandlerPorts = ActivityPorts &
  Pick<LifecyclePorts, 'published' | 'eventBusArn'> &
  FirstSightPorts;

export function activityMessages(deps: ActivityHandlerPorts): MessageHandler<ActivityMessage> {
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
        await senderSettings(deps.published, deps.eventBusArn),
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
  deps: ActivityHandlerPorts & { idempotent: IdempotentRunner },
  context?: Context,
): Promise<SQSBatchResponse> {
  return processBatch(event, deps, activityMessages(deps), context);
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const { container } = processContainer();
  const deps = await container.deps();
  return handleActivity(event, { ...deps, idempotent: container.idempotent('activity') }, context);
};
