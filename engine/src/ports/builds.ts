import type { BuildProject } from '../domain/runtime-names.js';

export interface BuildRequest {
  accountId: string;
  project: BuildProject;
  /** The published buildspec (settings/buildspecs/*.yml), passed as buildspecOverride. */
  buildspec: string;
  variables: Record<string, string>;
  /** Derived from the event: a redelivery within CodeBuild's window does not start a second build. */
  idempotencyToken: string;
}

/** CodeBuild in the member accounts: the projects are deployed once (by a StackSet), builds start per run. */
export interface BuildStarter {
  start(request: BuildRequest): Promise<{ buildId: string }>;
}
