import { example, type Json } from './github-openapi.js';

/** What the loopback GitHub server keeps, and the JSON GitHub answers for it (from the description's examples). */

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface Pull {
  number: number;
  headSha: string;
  headRepo: string;
  baseRef: string;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  /** Commits that belong to the pull request (head commits, merge commit). */
  commits: string[];
  /** The names of its labels. */
  labels: string[];
  /** Set for the pull requests opened through the API: the head branch, title, body and author. */
  headRef?: string;
  title?: string;
  body?: string;
  user?: User;
}

export interface Comment {
  id: number;
  issue: number;
  body: string;
  user: User;
  created: string;
  updated: string;
}

export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  user: User;
  isPull: boolean;
}

/** A run of a workflow of the repository, named by its file (apply.yml). */
export interface WorkflowRun {
  id: number;
  workflow: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'pending' | 'requested';
  conclusion: 'success' | 'failure' | 'cancelled' | null;
  createdAt: string;
  updatedAt: string;
  /** The commit, branch and event of the run: a push on main unless given. */
  headSha?: string;
  headBranch?: string;
  event?: string;
}

/** An artifact a run uploaded: a zip archive. */
export interface Artifact {
  id: number;
  runId: number;
  name: string;
  zip: Uint8Array;
  expired: boolean;
  createdAt: string;
}

export interface JsonContext {
  base(): string;
  repository: string;
  commentCount(issue: number): number;
  now(): string;
}

const userJson = (ctx: JsonContext, u: User) => ({
  ...(example<Json>('issue-comment').user as Json),
  login: u.login,
  id: u.id,
  type: u.type,
  url: `${ctx.base()}/users/${encodeURIComponent(u.login)}`,
  html_url:
    u.type === 'Bot'
      ? `https://github.com/apps/${u.login.replace('[bot]', '')}`
      : `https://github.com/${u.login}`,
});

const commentJson = (ctx: JsonContext, c: Comment) => ({
  ...example<Json>('issue-comment'),
  id: c.id,
  node_id: `IC_${c.id}`,
  url: `${ctx.base()}/repos/${ctx.repository}/issues/comments/${c.id}`,
  html_url: `https://github.com/${ctx.repository}/issues/${c.issue}#issuecomment-${c.id}`,
  issue_url: `${ctx.base()}/repos/${ctx.repository}/issues/${c.issue}`,
  body: c.body,
  user: userJson(ctx, c.user),
  created_at: c.created,
  updated_at: c.updated,
  author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
});

const labelJson = (ctx: JsonContext, name: string) => ({
  ...example<Json>('label'),
  name,
  url: `${ctx.base()}/repos/${ctx.repository}/labels/${encodeURIComponent(name)}`,
});

const issueJson = (ctx: JsonContext, i: IssueRecord) => ({
  ...example<Json>('issue'),
  id: 10_000 + i.number,
  node_id: `I_${i.number}`,
  number: i.number,
  title: i.title,
  body: i.body,
  state: i.state,
  user: userJson(ctx, i.user),
  labels: i.labels.map((l) => labelJson(ctx, l)),
  url: `${ctx.base()}/repos/${ctx.repository}/issues/${i.number}`,
  html_url: `https://github.com/${ctx.repository}/issues/${i.number}`,
  comments: ctx.commentCount(i.number),
  closed_at: i.state === 'closed' ? ctx.now() : null,
  ...(i.isPull ? {} : { pull_request: undefined }),
});

function pullJson(ctx: JsonContext, p: Pull) {
  const t = example<Json[]>('pull-request-simple-items')[0]!;
  const head = t.head as Json;
  const headRepo = {
    ...(head.repo as Json),
    full_name: p.headRepo,
    name: p.headRepo.split('/')[1],
    fork: p.headRepo !== ctx.repository,
  };
  return {
    ...t,
    number: p.number,
    id: 20_000 + p.number,
    url: `${ctx.base()}/repos/${ctx.repository}/pulls/${p.number}`,
    state: p.mergedAt ? 'closed' : 'open',
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    // Its own labels, never the example's; a label of a pull request always has a description string.
    labels: p.labels.map((name) => ({ ...labelJson(ctx, name), description: '' })),
    // The description's example lacks `type` in its requested teams; nobody is requested here.
    requested_teams: [],
    requested_reviewers: [],
    ...(p.title !== undefined ? { title: p.title, body: p.body ?? null } : {}),
    ...(p.user ? { user: userJson(ctx, p.user) } : {}),
    head: { ...head, sha: p.headSha, repo: headRepo, ...(p.headRef ? { ref: p.headRef } : {}) },
    base: { ...(t.base as Json), ref: p.baseRef },
  };
}

function runJson(ctx: JsonContext, r: WorkflowRun) {
  const t = example<{ workflow_runs: Json[] }>('workflow-run-paginated').workflow_runs[0]!;
  return {
    ...t,
    id: r.id,
    run_number: r.id,
    path: `.github/workflows/${r.workflow}`,
    status: r.status,
    conclusion: r.conclusion,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    run_started_at: r.createdAt,
    head_sha: r.headSha ?? 'main-sha',
    head_branch: r.headBranch ?? 'main',
    event: r.event ?? 'push',
    url: `${ctx.base()}/repos/${ctx.repository}/actions/runs/${r.id}`,
    html_url: `https://github.com/${ctx.repository}/actions/runs/${r.id}`,
  };
}

function artifactJson(ctx: JsonContext, a: Artifact) {
  const t = example<{ artifacts: Json[] }>('artifact-paginated').artifacts[0]!;
  const url = `${ctx.base()}/repos/${ctx.repository}/actions/artifacts/${a.id}`;
  return {
    ...t,
    id: a.id,
    name: a.name,
    size_in_bytes: a.zip.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: a.expired,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    expires_at: a.createdAt,
    workflow_run: { ...(t.workflow_run as Json), id: a.runId },
  };
}

/** The JSON of each kind of object, as GitHub's REST API answers it. */
export function jsonBuilders(ctx: JsonContext) {
  return {
    user: (u: User) => userJson(ctx, u),
    comment: (c: Comment) => commentJson(ctx, c),
    label: (name: string) => labelJson(ctx, name),
    issue: (i: IssueRecord) => issueJson(ctx, i),
    pull: (p: Pull) => pullJson(ctx, p),
    /** The full pull request GitHub answers when one is created or read alone. */
    pullFull: (p: Pull) => ({
      ...example<Json>('pull-request'),
      ...pullJson(ctx, p),
      merged: p.mergedAt !== null,
      merged_by: null,
      mergeable: null,
      mergeable_state: 'unknown',
      comments: 0,
      review_comments: 0,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
      maintainer_can_modify: false,
    }),
    run: (r: WorkflowRun) => runJson(ctx, r),
    artifact: (a: Artifact) => artifactJson(ctx, a),
  };
}
