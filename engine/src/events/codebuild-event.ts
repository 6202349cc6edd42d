import type { CodebuildEvent } from '../domain/generated/event-types.js';
import { PREPARATION_PROJECT, PURGE_PROJECT, type BuildProject } from '../domain/runtime-names.js';
import type { BuildStatus } from '../lifecycle/states.js';
import { checkEvent, type Checked } from './validate.js';

/** CodeBuild Build State Change, forwarded from the member account (schemas/events/codebuild-event.schema.json). */
export interface BuildSignal {
  accountId: string;
  project: BuildProject;
  /** `<project>:<uuid>`, as StartBuild returns it. */
  buildId: string;
  status: BuildStatus;
}

export function parseCodebuildEvent(value: unknown): Checked<CodebuildEvent> {
  return checkEvent<CodebuildEvent>('codebuild-event', value);
}

/** The account a build belongs to, from its ARN (the only place AWS writes it; `account` is the sender's). */
export function buildAccountOf(event: CodebuildEvent): string | undefined {
  return /^arn:[^:]+:codebuild:[^:]*:([0-9]{12}):/.exec(event.detail['build-id'])?.[1];
}

/** The build of an SPA project, or undefined for any other project of the account. */
export function buildSignal(event: CodebuildEvent): BuildSignal | undefined {
  const project = event.detail['project-name'];
  if (project !== PREPARATION_PROJECT && project !== PURGE_PROJECT) return undefined;
  const arn = event.detail['build-id'];
  return {
    // The build ARN names the member account; the handler refused it first unless that account sent it.
    accountId: buildAccountOf(event) ?? event.account ?? '',
    project,
    buildId: arn.slice(arn.indexOf('build/') >= 0 ? arn.indexOf('build/') + 6 : 0),
    status: event.detail['build-status'],
  };
}
