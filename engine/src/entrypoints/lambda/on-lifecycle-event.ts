import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { CodebuildEvent, OrganizationsEvent } from '../../domain/generated/event-types.js';
import { buildAccountOf, parseCodebuildEvent } from '../../events/codebuild-event.js';
import { organizationsEventId, parseOrganizationsEvent } from '../../events/organizations-event.js';
import { acceptSender } from '../../events/senders.js';
import type { Checked } from '../../events/validate.js';
import type { LifecyclePorts } from '../../app/runtime/deps.js';
import { onBuildEvent } from '../../app/runtime/on-build-event.js';
import { onOrganizationsEvent } from '../../app/runtime/on-organizations-event.js';
import { senderSettings } from '../../app/runtime/sender-settings.js';
import type { IdempotentRunner } from './idempotency.js';
import { processContainer } from './process-container.js';
import { processBatch, type MessageHandler } from './sqs-batch.js';

type LifecycleMessage =
  { kind: 'organizations'; event: OrganizationsEvent } | { kind: 'codebuild'; event: CodebuildEvent };

function parse(value: unknown): Checked<LifecycleMessage> {
  const source = (value as { source?: unknown } | null)?.source;
  if (source === 'aws.codebuild') {
    const c = parseCodebuildEvent(value);
    return c.ok ? { ok: true, value: { kind: 'codebuild', event: c.value } } : c;
  }
  const o = parseOrganizationsEvent(value);
  return o.ok ? { ok: true, value: { kind: 'organizations', event: o.value } } : o;
}

export function lifecycleMessages(deps: LifecyclePorts): MessageHandler<LifecycleMessage> {
  return {
    parse,
    key: (m) =>
      m.kind === 'codebuild' ? (m.event.id ?? m.event.detail['build-id']) : organizationsEventId(m.event),
    account: (m) =>
      m.kind === 'codebuild'
        ? m.event.account
        : (m.event.detail.requestParameters?.accountId ??
          m.event.detail.requestParameters?.resourceId ??
          m.event.detail.serviceEventDetails?.createAccountStatus?.accountId),
    // Organizations events from the management account; a build's state change from the build's account.
    trust: async (m) =>
      acceptSender(
        m.kind,
        {
          account: m.event.account,
          ...(m.kind === 'codebuild' ? { about: buildAccountOf(m.event) } : {}),
        },
        await senderSettings(deps.published, deps.eventBusArn),
      ),
    handle: (m) =>
      m.kind === 'codebuild' ? onBuildEvent(deps, m.event) : onOrganizationsEvent(deps, m.event),
  };
}

/** The `<env>-lifecycle` queue: Organizations events (created, moved, tagged) and CodeBuild state changes. */
export async function handleLifecycleEvent(
  event: SQSEvent,
  deps: LifecyclePorts & { idempotent: IdempotentRunner },
  context?: Context,
): Promise<SQSBatchResponse> {
  return processBatch(event, deps, lifecycleMessages(deps), context);
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const { container } = processContainer();
  const deps = await container.deps();
  return handleLifecycleEvent(event, { ...deps, idempotent: container.idempotent('lifecycle') }, context);
};
