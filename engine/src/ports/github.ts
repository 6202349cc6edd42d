import type { ExistingComment } from '../gitops/sticky.js';

export interface PullRequest {
  number: number;
  headSha: string;
  /** owner/name of the head repository: another one than the base means a fork. */
  headRepo: string;
  baseRef: string;
  mergedAt: string | null;
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
}
