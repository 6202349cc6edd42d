import type { GithubClient } from './client.js';
import type {
  ExistingComment,
  GithubRepo,
  Issue,
  PullRequest,
  PullRequestWriter,
  RunArtifact,
  WorkflowRun,
} from '../../ports/github.js';

/** The GitHub REST operations of the workflow, paginated, on one repository. */
export class OctokitRepo implements GithubRepo, PullRequestWriter {
  private readonly owner: string;
  private readonly repo: string;

  constructor(
    private readonly octokit: GithubClient,
    readonly repository: string,
  ) {
    const [owner, repo] = repository.split('/') as [string, string];
    this.owner = owner;
    this.repo = repo;
  }

  async listComments(issueNumber: number): Promise<ExistingComment[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    return comments.map((c) => ({ id: c.id, body: c.body ?? '', author: c.user?.login ?? '' }));
  }

  async createComment(issueNumber: number, body: string): Promise<number> {
    const r = await this.octokit.rest.issues.createComment({
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      body,
    });
    return r.data.id;
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    await this.octokit.rest.issues.updateComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: commentId,
      body,
    });
  }

  async deleteComment(commentId: number): Promise<void> {
    await this.octokit.rest.issues.deleteComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: commentId,
    });
  }

  async listIssues(label: string, state: 'open' | 'closed' | 'all'): Promise<Issue[]> {
    const issues = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      owner: this.owner,
      repo: this.repo,
      labels: label,
      state,
      per_page: 100,
    });
    return issues.map((i) => ({
      number: i.number,
      body: i.body ?? '',
      author: i.user?.login ?? '',
      state: i.state === 'closed' ? 'closed' : 'open',
    }));
  }

  async createIssue(title: string, body: string, labels: string[]): Promise<number> {
    const r = await this.octokit.rest.issues.create({
      owner: this.owner,
      repo: this.repo,
      title,
      body,
      labels,
    });
    return r.data.number;
  }

  async updateIssue(
    issueNumber: number,
    change: { body?: string; state?: 'open' | 'closed'; title?: string },
  ): Promise<void> {
    await this.octokit.rest.issues.update({
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      ...change,
    });
  }

  async ensureLabel(name: string, color: string, description: string): Promise<void> {
    try {
      await this.octokit.rest.issues.getLabel({ owner: this.owner, repo: this.repo, name });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      try {
        await this.octokit.rest.issues.createLabel({
          owner: this.owner,
          repo: this.repo,
          name,
          color,
          description,
        });
      } catch (created) {
        // Another run created it meanwhile.
        if ((created as { status?: number }).status !== 422) throw created;
      }
    }
  }

  async pullsOfCommit(sha: string): Promise<PullRequest[]> {
    const pulls = await this.octokit.paginate(this.octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
      owner: this.owner,
      repo: this.repo,
      commit_sha: sha,
      per_page: 100,
    });
    return pulls.map((p) => ({
      number: p.number,
      headSha: p.head.sha,
      headRepo: p.head.repo?.full_name ?? '',
      baseRef: p.base.ref,
      mergedAt: p.merged_at,
      labels: p.labels.map((l) => l.name),
    }));
  }

  async workflowRuns(
    workflow: string,
    status: 'queued' | 'in_progress' | 'completed' | 'success',
    branch?: string,
  ): Promise<WorkflowRun[]> {
    // One page: the newest runs are the ones that matter, and a workflow in a concurrency group has few in flight.
    const r = await this.octokit.rest.actions.listWorkflowRuns({
      owner: this.owner,
      repo: this.repo,
      workflow_id: workflow,
      status,
      ...(branch ? { branch } : {}),
      per_page: 30,
    });
    return r.data.workflow_runs.map((run) => ({
      id: run.id,
      status: run.status ?? '',
      conclusion: run.conclusion ?? null,
      updatedAt: run.updated_at,
      url: run.html_url,
      headSha: run.head_sha,
      headBranch: run.head_branch ?? null,
      event: run.event,
    }));
  }

  async runArtifact(runId: number, name: string): Promise<RunArtifact | undefined> {
    const r = await this.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: this.owner,
      repo: this.repo,
      run_id: runId,
      name,
      per_page: 100,
    });
    const a = r.data.artifacts.find((x) => x.name === name);
    return a ? { id: a.id, name: a.name, expired: a.expired, sizeInBytes: a.size_in_bytes } : undefined;
  }

  async downloadArtifact(artifactId: number): Promise<Uint8Array> {
    // GitHub answers with a redirect to the archive, which the client follows.
    const r = await this.octokit.rest.actions.downloadArtifact({
      owner: this.owner,
      repo: this.repo,
      artifact_id: artifactId,
      archive_format: 'zip',
    });
    return new Uint8Array(r.data as ArrayBuffer);
  }

  async openPullFrom(branch: string): Promise<number | undefined> {
    const r = await this.octokit.rest.pulls.list({
      owner: this.owner,
      repo: this.repo,
      state: 'open',
      head: `${this.owner}:${branch}`,
      per_page: 1,
    });
    return r.data[0]?.number;
  }

  async createPull(pull: { title: string; body: string; head: string; base: string }): Promise<number> {
    const r = await this.octokit.rest.pulls.create({ owner: this.owner, repo: this.repo, ...pull });
    return r.data.number;
  }
}
