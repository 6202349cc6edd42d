import type { GithubRepo, WorkflowEvent } from '../../ports/github.js';
import type { Output } from '../../ports/output.js';

/** What every GitHub flow works with: the repository, the event of the run, and where its words go. */
export interface GithubDeps {
  repo: GithubRepo;
  event: WorkflowEvent;
  /** The login of the workflow's identity: the author of the comments and issues it trusts. */
  botLogin: string;
  /** The page of the run, linked from comments: its artifacts hold the full plan. */
  runUrl: string | undefined;
  out: Output;
}
