import type { CodebuildEvent } from '../../domain/generated/event-types.js';
import { buildSignal } from '../../events/codebuild-event.js';
import { applyTrigger } from './apply-trigger.js';
import type { LifecyclePorts } from './deps.js';
import type { HandledResult } from './on-organizations-event.js';

/** A state change of a preparation or purge build in a member account. */
export async function onBuildEvent(deps: LifecyclePorts, event: CodebuildEvent): Promise<HandledResult> {
  const signal = buildSignal(event);
  if (!signal)
    return { outcome: 'not-for-us', reason: `project ${event.detail['project-name']} is not SPA's` };
  return applyTrigger(
    deps,
    signal.accountId,
    { kind: 'build-ended', project: signal.project, buildId: signal.buildId, status: signal.status },
    event.id ?? `${signal.buildId}:${signal.status}`,
  );
}
