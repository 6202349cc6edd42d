import type { Json } from './github-openapi.js';
import type { GitObjects } from './git-objects.js';
import type { TestApp } from './github-app.js';
import { GIT_HANDLERS, GIT_ROUTES } from './github-git-routes.js';
import type { Artifact, Comment, IssueRecord, jsonBuilders, Pull, User, WorkflowRun } from './github-json.js';

/**
 * The REST operations the loopback GitHub server serves, keeping state as GitHub does. Each handler answers one
 * operation of the OpenAPI description (its path template and method).
 */

export interface Answer {
  status: number;
  body?: unknown;
  /** Headers of the answer (a redirect's Location). */
  headers?: Record<string, string>;
}

export interface State {
  repository: string;
  /** The server's base URL, once it listens. */
  base(): string;
  /** The repository's git objects and refs (the Git Data API), and what a test does before a ref moves. */
  git: GitObjects;
  hooks: { beforeRefUpdate: ((ref: string) => void) | undefined };
  /** The GitHub App installed on the repository, when a test has one. */
  app: TestApp | undefined;
  users: Record<string, User>;
  comments: Map<number, Comment>;
  issues: Map<number, IssueRecord>;
  pulls: Map<number, Pull>;
  labels: Set<string>;
  runs: WorkflowRun[];
  /** Artifacts of the runs; their archives are served at `${ARCHIVES}<id>.zip`, as a blob store would. */
  artifacts: Artifact[];
  nextComment(): number;
  nextIssue(): number;
  now(): string;
  json: ReturnType<typeof jsonBuilders>;
}

export interface Call {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  user: User;
  /** One page of a list, with GitHub's Link header for the next one. */
  page<T>(items: T[]): T[];
}

export const ROUTES = [
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/comments/{comment_id}',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/labels/{name}',
  '/repos/{owner}/{repo}/labels',
  '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
  '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
  '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
  ...GIT_ROUTES,
];

/** Where the archives of artifacts are served from: outside the API, like GitHub's blob storage. */
export const ARCHIVES = '/_archives/';

const NOT_FOUND: Answer = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
};

/** GitHub's answer to an issue or comment body above 65,536 characters. */
const tooLongAnswer = (resource: 'Issue' | 'IssueComment'): Answer => ({
  status: 422,
  body: {
    message: 'Validation Failed',
    errors: [
      {
        resource,
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)',
      },
    ],
    documentation_url: 'https://docs.github.com/rest',
  },
});
const TOO_LONG = tooLongAnswer('IssueComment');
const tooLong = (body: Json) => typeof body.body === 'string' && body.body.length > 65536;

type Handler = (s: State, c: Call) => Answer;

const comments: Record<string, Handler> = {
  'get /repos/{owner}/{repo}/issues/{issue_number}/comments': (s, c) => {
    const issue = Number(c.params.issue_number);
    if (!s.issues.has(issue)) return NOT_FOUND;
    const list = [...s.comments.values()].filter((x) => x.issue === issue).sort((a, b) => a.id - b.id);
    return { status: 200, body: c.page(list).map(s.json.comment) };
  },
  'post /repos/{owner}/{repo}/issues/{issue_number}/comments': (s, c) => {
    if (!s.issues.has(Number(c.params.issue_number))) return NOT_FOUND;
    if (tooLong(c.body)) return TOO_LONG;
    const at = s.now();
    const comment: Comment = {
      id: s.nextComment(),
      issue: Number(c.params.issue_number),
      body: String(c.body.body),
      user: c.user,
      created: at,
      updated: at,
    };
    s.comments.set(comment.id, comment);
    return { status: 201, body: s.json.comment(comment) };
  },
  'patch /repos/{owner}/{repo}/issues/comments/{comment_id}': (s, c) => {
    const comment = s.comments.get(Number(c.params.comment_id));
    if (!comment) return NOT_FOUND;
    if (comment.user.login !== c.user.login)
      return {
        status: 403,
        body: {
          message: 'Must have admin rights to Repository.',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    if (tooLong(c.body)) return TOO_LONG;
    comment.body = String(c.body.body);
    comment.updated = s.now();
    return { status: 200, body: s.json.comment(comment) };
  },
  'delete /repos/{owner}/{repo}/issues/comments/{comment_id}': (s, c) => {
    const comment = s.comments.get(Number(c.params.comment_id));
    if (!comment) return NOT_FOUND;
    s.comments.delete(comment.id);
    return { status: 204 };
  },
};

const issues: Record<string, Handler> = {
  'get /repos/{owner}/{repo}/issues': (s, c) => {
    const state = c.query.get('state') ?? 'open';
    const wanted = (c.query.get('labels') ?? '').split(',').filter(Boolean);
    const list = [...s.issues.values()]
      .filter((i) => (state === 'all' || i.state === state) && wanted.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: c.page(list).map(s.json.issue) };
  },
  'post /repos/{owner}/{repo}/issues': (s, c) => {
    if (tooLong(c.body)) return tooLongAnswer('Issue');
    const issue: IssueRecord = {
      number: s.nextIssue(),
      title: String(c.body.title),
      body: typeof c.body.body === 'string' ? c.body.body : '',
      labels: ((c.body.labels as string[] | undefined) ?? []).map(String),
      state: 'open',
      user: c.user,
      isPull: false,
    };
    for (const l of issue.labels) s.labels.add(l);
    s.issues.set(issue.number, issue);
    return { status: 201, body: s.json.issue(issue) };
  },
  'patch /repos/{owner}/{repo}/issues/{issue_number}': (s, c) => {
    const issue = s.issues.get(Number(c.params.issue_number));
    if (!issue) return NOT_FOUND;
    if (tooLong(c.body)) return tooLongAnswer('Issue');
    if (typeof c.body.title === 'string') issue.title = c.body.title;
    if (typeof c.body.body === 'string') issue.body = c.body.body;
    if (c.body.state === 'open' || c.body.state === 'closed') issue.state = c.body.state;
    return { status: 200, body: s.json.issue(issue) };
  },
};

const labels: Record<string, Handler> = {
  'get /repos/{owner}/{repo}/labels/{name}': (s, c) =>
    s.labels.has(c.params.name!) ? { status: 200, body: s.json.label(c.params.name!) } : NOT_FOUND,
  'post /repos/{owner}/{repo}/labels': (s, c) => {
    const name = String(c.body.name);
    if (s.labels.has(name))
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    s.labels.add(name);
    return { status: 201, body: s.json.label(name) };
  },
};

const pullsAndRuns: Record<string, Handler> = {
  // Open pull requests, filtered by head (owner:branch) as GitHub does.
  'get /repos/{owner}/{repo}/pulls': (s, c) => {
    const state = c.query.get('state') ?? 'open';
    const head = c.query.get('head');
    const owner = s.repository.split('/')[0];
    const list = [...s.pulls.values()]
      .filter((pr) => state === 'all' || (state === 'open') === (pr.mergedAt === null))
      .filter((pr) => head === null || (pr.headRef !== undefined && `${owner}:${pr.headRef}` === head))
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: c.page(list).map(s.json.pull) };
  },
  // A pull request from a branch of the repository; GitHub refuses a second open one for the same head.
  'post /repos/{owner}/{repo}/pulls': (s, c) => {
    const head = String(c.body.head);
    const sha = s.git.refs.get(`heads/${head}`);
    const base = String(c.body.base);
    if (!sha || !s.git.refs.has(`heads/${base}`))
      return {
        status: 422,
        body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
      };
    if ([...s.pulls.values()].some((pr) => pr.headRef === head && pr.mergedAt === null))
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${head}.`,
            },
          ],
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    const number = s.nextIssue();
    const pull: Pull = {
      number,
      headSha: sha,
      headRepo: s.repository,
      baseRef: base,
      mergedAt: null,
      mergeCommitSha: null,
      commits: [sha],
      labels: [],
      headRef: head,
      title: String(c.body.title),
      body: typeof c.body.body === 'string' ? c.body.body : '',
      user: c.user,
    };
    s.pulls.set(number, pull);
    s.issues.set(number, {
      number,
      title: pull.title!,
      body: pull.body!,
      labels: [],
      state: 'open',
      user: c.user,
      isPull: true,
    });
    return { status: 201, body: s.json.pullFull(pull) };
  },
  'get /repos/{owner}/{repo}/commits/{commit_sha}/pulls': (s, c) => {
    const list = [...s.pulls.values()]
      .filter((pr) => pr.commits.includes(c.params.commit_sha!))
      .sort((a, b) => a.number - b.number);
    return { status: 200, body: c.page(list).map(s.json.pull) };
  },
  // Runs of one workflow, newest first; `status` filters on the status or the conclusion, as GitHub does.
  'get /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': (s, c) => {
    const status = c.query.get('status');
    const branch = c.query.get('branch');
    const list = s.runs
      .filter((r) => r.workflow === c.params.workflow_id)
      .filter((r) => status === null || r.status === status || r.conclusion === status)
      .filter((r) => branch === null || (r.headBranch ?? 'main') === branch)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    return { status: 200, body: { total_count: list.length, workflow_runs: c.page(list).map(s.json.run) } };
  },
};

const artifacts: Record<string, Handler> = {
  'get /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': (s, c) => {
    const name = c.query.get('name');
    const list = s.artifacts.filter(
      (a) => a.runId === Number(c.params.run_id) && (name === null || a.name === name),
    );
    return { status: 200, body: { total_count: list.length, artifacts: c.page(list).map(s.json.artifact) } };
  },
  // GitHub answers with a redirect to the archive in its blob storage, valid for a minute.
  'get /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': (s, c) => {
    const a = s.artifacts.find((x) => x.id === Number(c.params.artifact_id));
    if (!a || c.params.archive_format !== 'zip') return NOT_FOUND;
    if (a.expired)
      return {
        status: 410,
        body: { message: 'Artifact has expired', documentation_url: 'https://docs.github.com/rest' },
      };
    return { status: 302, headers: { location: `${s.base()}${ARCHIVES}${a.id}.zip` } };
  },
};

export const HANDLERS: Record<string, Handler> = {
  ...comments,
  ...issues,
  ...labels,
  ...pullsAndRuns,
  ...artifacts,
  ...GIT_HANDLERS,
};
export { NOT_FOUND };
