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
  /** success, failure, cancelled... once completed; null before. */
  conclusion: string | null;
  /** When it last changed: for a completed run, when it ended. */
  updatedAt: string;
  url: string;
  /** The commit it ran at, the branch, and the event that started it (push, schedule, workflow_dispatch...). */
  headSha: string;
  headBranch: string | null;
  event: string;
}

/** An artifact a workflow run uploaded. */
export interface RunArtifact {
  id: number;
  name: string;
  expired: boolean;
  sizeInBytes: number;
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
  /**
   * The newest runs of a workflow (named by its file, `apply.yml`) in a status or with a conclusion (`success`),
   * newest first, on one branch when given.
   */
  workflowRuns(
    workflow: string,
    status: 'queued' | 'in_progress' | 'completed' | 'success',
    branch?: string,
  ): Promise<WorkflowRun[]>;
  /** The artifact of a run by its name, if the run uploaded one. */
  runArtifact(runId: number, name: string): Promise<RunArtifact | undefined>;
  /** The bytes of an artifact: a zip archive. */
  downloadArtifact(artifactId: number): Promise<Uint8Array>;
}

/** The pull requests the workflow opens itself (account requests), found again by their head branch. */
export interface PullRequestWriter {
  /** The open pull request whose head is this branch of the repository, if any. */
  openPullFrom(branch: string): Promise<number | undefined>;
  createPull(pull: { title: string; body: string; head: string; base: string }): Promise<number>;
}

/** A file a branch writer commits. */
export interface BranchFile {
  path: string;
  content: Uint8Array;
}

/** Branches the workflow owns: each one commit on the head of a base branch. */
export interface BranchWriter {
  branchWith(
    branch: string,
    base: string,
    files: BranchFile[],
    message: string,
  ): Promise<{ commit: string; action: 'created' | 'updated' | 'unchanged' }>;
}
