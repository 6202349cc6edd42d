import type { WorkflowEvent } from '../../ports/github.js';
import type { Ports } from '../../ports/ports.js';

/** The run every GitHub flow works for: its event, and who and where it is. */
export interface GithubRun {
  event: WorkflowEvent;
  /** The login of the workflow's identity: the author of the comments and issues it trusts. */
  botLogin: string;
  /** The page of the run, linked from comments: its artifacts hold the full plan. */
  runUrl: string | undefined;
}

/** What every GitHub flow works with: the repository, the event of the run, and where its words go. */
export type GithubPorts = Pick<Ports, 'repo' | 'out'> & GithubRun;
