/** A comment on an issue or pull request, with the login of its author (whose comments the workflow trusts). */
export interface ExistingComment {
  id: number;
  body: string;
  author: string;
}

/**
 * The event that started a workflow run, as the runner hands it to each step: its name (`pull_request`, `push`,
 * `workflow_dispatch`, `schedule`), the commit of the run and the webhook payload.
 */
export interface WorkflowEvent {
  name: string;
  sha: string;
  payload: Readonly<Record<string, unknown>>;
}

export interface PullRequest {
  number: number;
  headSha: string;
  /** owner/name of the head repository: another one than the base means a fork. */
  headRepo: string;
  baseRef: string;
  mergedAt: string | null;
  /** The names of its labels. */
  labels: string[];
}

/** A run of one of the repository's workflows. */
export interface WorkflowRun {
  id: number;
  /** queued, in_progress, completed... */
  status: string;
  /** When it last changed: for a completed run, when it ended. */
  updatedAt: string;
  url: string;
}

export interface Issue {
  number: number;
  body: string;
  author: string;
  state: 'open' | 'closed';
}

/** The GitHub operations of the workflow, on one repository. */
export interface GithubRepo {
  readonly repository: string;
  listComments(issueNumber: number): Promise<ExistingComment[]>;
  createComment(issueNumber: number, body: string): Promise<number>;
  updateComment(commentId: number, body: string): Promise<void>;
  deleteComment(commentId: number): Promise<void>;
  /** Issues and pull requests carrying a label, in a state (found by label, never by search). */
  listIssues(label: string, state: 'open' | 'closed' | 'all'): Promise<Issue[]>;
  createIssue(title: string, body: string, labels: string[]): Promise<number>;
  updateIssue(
    issueNumber: number,
    change: { body?: string; state?: 'open' | 'closed'; title?: string },
  ): Promise<void>;
  ensureLabel(name: string, color: string, description: string): Promise<void>;
  /** The pull requests a commit belongs to (the merge commit of a pull request returns it). */
  pullsOfCommit(sha: string): Promise<PullRequest[]>;
  /** The runs of a workflow (named by its file, `apply.yml`) in a status, newest first. */
  workflowRuns(workflow: string, status: 'queued' | 'in_progress' | 'completed'): Promise<WorkflowRun[]>;
}
