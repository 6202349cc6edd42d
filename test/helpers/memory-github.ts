import type {
  ExistingComment,
  GithubRepo,
  Issue,
  PullRequest,
  RunArtifact,
  WorkflowEvent,
  WorkflowRun,
} from '../../engine/src/ports/github.js';
import type { GithubPorts } from '../../engine/src/app/github/deps.js';
import { memoryOutput, type MemoryOutput } from './memory-output.js';

export const BOT = 'github-actions[bot]';

interface StoredIssue extends Issue {
  title: string;
  labels: string[];
}

/**
 * A repository held in memory behind the GithubRepo port, for the unit tests of the GitHub use cases: comments and
 * issues written as the workflow's identity, pull requests by commit, workflow runs by status. Every write is
 * logged in `writes`. The loopback GitHub server (test/support/github-server.ts) is what proves the adapter.
 */
export class MemoryRepo implements GithubRepo {
  readonly repository = 'acme/settings';
  readonly comments = new Map<number, ExistingComment & { issue: number }>();
  readonly issues = new Map<number, StoredIssue>();
  readonly labels = new Set<string>();
  readonly pulls = new Map<string, PullRequest[]>();
  /** Runs of the workflows, newest first; fields a test leaves out take defaults (a push on main). */
  readonly runs: (Partial<WorkflowRun> & Pick<WorkflowRun, 'id' | 'status'> & { workflow: string })[] = [];
  /** Artifacts by run id: name and zip bytes. */
  readonly artifacts = new Map<number, { id: number; name: string; expired?: boolean; zip: Uint8Array }[]>();
  readonly writes: string[] = [];
  private next = 1;

  commentsOn(issue: number): (ExistingComment & { issue: number })[] {
    return [...this.comments.values()].filter((c) => c.issue === issue);
  }

  /** A comment written by someone else than the workflow. */
  postAs(author: string, issue: number, body: string): number {
    const id = this.next++;
    this.comments.set(id, { id, issue, body, author });
    return id;
  }

  listComments(issueNumber: number): Promise<ExistingComment[]> {
    return Promise.resolve(
      this.commentsOn(issueNumber).map(({ id, body, author }) => ({ id, body, author })),
    );
  }
  createComment(issueNumber: number, body: string): Promise<number> {
    this.writes.push(`create comment on #${issueNumber}`);
    return Promise.resolve(this.postAs(BOT, issueNumber, body));
  }
  updateComment(commentId: number, body: string): Promise<void> {
    this.writes.push(`update comment ${commentId}`);
    this.comments.get(commentId)!.body = body;
    return Promise.resolve();
  }
  deleteComment(commentId: number): Promise<void> {
    this.writes.push(`delete comment ${commentId}`);
    this.comments.delete(commentId);
    return Promise.resolve();
  }
  listIssues(label: string, state: 'open' | 'closed' | 'all'): Promise<Issue[]> {
    const found = [...this.issues.values()].filter(
      (i) => i.labels.includes(label) && (state === 'all' || i.state === state),
    );
    return Promise.resolve(found.map(({ number, body, author, state }) => ({ number, body, author, state })));
  }
  createIssue(title: string, body: string, labels: string[]): Promise<number> {
    const number = this.next++;
    this.writes.push(`create issue #${number}`);
    this.issues.set(number, { number, title, body, labels, author: BOT, state: 'open' });
    return Promise.resolve(number);
  }
  updateIssue(
    issueNumber: number,
    change: { body?: string; state?: 'open' | 'closed'; title?: string },
  ): Promise<void> {
    this.writes.push(`update issue #${issueNumber}${change.state ? ` ${change.state}` : ''}`);
    Object.assign(this.issues.get(issueNumber)!, change);
    return Promise.resolve();
  }
  ensureLabel(name: string): Promise<void> {
    this.labels.add(name);
    return Promise.resolve();
  }
  pullsOfCommit(sha: string): Promise<PullRequest[]> {
    return Promise.resolve(this.pulls.get(sha) ?? []);
  }
  workflowRuns(
    workflow: string,
    status: 'queued' | 'in_progress' | 'completed' | 'success',
    branch?: string,
  ): Promise<WorkflowRun[]> {
    return Promise.resolve(
      this.runs
        .filter((r) => r.workflow === workflow && (r.status === status || r.conclusion === status))
        .filter((r) => branch === undefined || (r.headBranch ?? 'main') === branch)
        .map(({ workflow: _w, ...r }) => ({
          conclusion: null,
          updatedAt: '2026-11-27T10:00:00Z',
          url: `https://github.com/acme/settings/actions/runs/${r.id}`,
          headSha: 'main-sha',
          headBranch: 'main',
          event: 'push',
          ...r,
        })),
    );
  }
  runArtifact(runId: number, name: string): Promise<RunArtifact | undefined> {
    const a = (this.artifacts.get(runId) ?? []).find((x) => x.name === name);
    return Promise.resolve(
      a ? { id: a.id, name: a.name, expired: a.expired ?? false, sizeInBytes: a.zip.length } : undefined,
    );
  }
  downloadArtifact(artifactId: number): Promise<Uint8Array> {
    const a = [...this.artifacts.values()].flat().find((x) => x.id === artifactId);
    return a ? Promise.resolve(a.zip) : Promise.reject(new Error(`no artifact ${artifactId}`));
  }
}

/** The dependencies of a GitHub use case: a memory repository, an event, and an output that keeps what was said. */
export function githubDeps(
  event: WorkflowEvent,
  repo = new MemoryRepo(),
): GithubPorts & { repo: MemoryRepo; out: MemoryOutput } {
  return {
    repo,
    event,
    botLogin: BOT,
    runUrl: 'https://github.com/acme/settings/actions/runs/7',
    out: memoryOutput(),
  };
}
