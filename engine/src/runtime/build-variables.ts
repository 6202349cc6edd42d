import { createHash } from 'node:crypto';
import type { EffectiveSettings } from '../domain/model.js';
import { PREPARATION_PROJECT, type BuildProject } from '../domain/runtime-names.js';

/**
 * The environment of a preparation or purge build: the variables of the effective settings (preparation or
 * purge), then SPA's own, which the settings cannot override.
 */
export function buildVariables(
  project: BuildProject,
  settings: EffectiveSettings,
  spa: { accountId: string; environment: string; holder: string; eventBusArn: string },
): Record<string, string> {
  const task = project === PREPARATION_PROJECT ? settings.preparation : settings.purge;
  return {
    ...Object.fromEntries(Object.entries(task.variables).map(([k, v]) => [k, v.value])),
    SPA_ACCOUNT_ID: spa.accountId,
    SPA_ENVIRONMENT: spa.environment,
    SPA_HOLDER: spa.holder,
    SPA_EVENT_BUS_ARN: spa.eventBusArn,
  };
}

/** StartBuild's idempotency token for an event and a project: a redelivery does not start a second build. */
export function buildToken(eventId: string, project: BuildProject): string {
  return createHash('sha256').update(`${eventId}\u0000${project}`).digest('hex').slice(0, 48);
}
