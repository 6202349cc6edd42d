import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest, checkResponse, hasOperation, loadSpec, type Json } from './github-openapi.js';
import { zipSync } from 'fflate';
import {
  jsonBuilders,
  type Artifact,
  type Comment,
  type IssueRecord,
  type Pull,
  type User,
  type WorkflowRun,
} from './github-json.js';
import { GitObjects } from './git-objects.js';
import { APP_ROUTE, APP_TOKEN_ROUTE, appInfo, appToken, type TestApp } from './github-app.js';
import { ARCHIVES, HANDLERS, NOT_FOUND, ROUTES, type Answer, type State } from './github-routes.js';

/**
 * A loopback server for the GitHub REST operations the workflow uses, keeping state like GitHub does, and
 * checking every request and every response against GitHub's official OpenAPI description (@octokit/openapi).
 * Response bodies start from the description's own examples, with the fields that matter replaced.
 */

export type { Artifact, Pull, TestApp, User, WorkflowRun };

export interface GithubServer {
  url: string;
  repository: string;
  /** Every request, as `METHOD path status`. */
  requests: string[];
  /** Requests or responses that do not match GitHub's OpenAPI description. */
  violations: string[];
  users: Record<string, User>;
  comments: Map<number, Comment>;
  issues: Map<number, IssueRecord>;
  labels: Set<string>;
  /** Pull requests, added by a test or opened through the API. */
  pulls: Map<number, Pull>;
  addPull(pull: Omit<Pull, 'commits' | 'labels'> & { commits?: string[]; labels?: string[] }): Pull;
  /** A run of a workflow of the repository (status queued, in_progress or completed...). */
  addWorkflowRun(
    run: Omit<WorkflowRun, 'id' | 'createdAt' | 'updatedAt'> & Partial<WorkflowRun>,
  ): WorkflowRun;
  /** An artifact uploaded by a run: the files given, zipped as upload-artifact does. */
  addArtifact(runId: number, name: string, files: Record<string, Uint8Array | string>): Artifact;
  artifacts: Artifact[];
  commentsOn(issue: number): Comment[];
  /** A comment written by a user directly, as on github.com (to forge a marker, say). */
  postAs(token: string, issue: number, body: string): Comment;
  /** The repository's git objects and refs (the Git Data API). */
  git: GitObjects;
  /** Called before a ref is updated (a test pushes another commit there, as someone would meanwhile). */
  beforeRefUpdate: ((ref: string) => void) | undefined;
  close(): Promise<void>;
}

type Routed = Answer & { template?: string };

function route(
  method: string,
  path: string,
): { template: string; params: Record<string, string> } | undefined {
  for (const template of ROUTES) {
    // A ref (heads/main) holds slashes, sent as they are or encoded.
    const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'ref' ? '(?<ref>.+)' : `(?<${name}>[^/]+)`,
    );
    const m = new RegExp(`^${pattern}$`).exec(path);
    if (m && hasOperation(template, method))
      return {
        template,
        params: Object.fromEntries(
          Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
        ),
      };
  }
  return undefined;
}

function newState(
  repository: string,
  users: Record<string, User>,
  base: () => string,
  app: TestApp | undefined,
): State {
  const comments = new Map<number, Comment>();
  let nextComment = 1000;
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const now = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const state: State = {
    repository,
    base,
    git: new GitObjects(),
    hooks: { beforeRefUpdate: undefined },
    app,
    users,
    comments,
    issues: new Map(),
    pulls: new Map(),
    labels: new Set(),
    runs: [],
    artifacts: [],
    nextComment: () => nextComment++,
    nextIssue: () => Math.max(0, ...state.issues.keys()) + 1,
    now,
    json: jsonBuilders({
      base,
      repository,
      now,
      commentCount: (issue) => [...comments.values()].filter((c) => c.issue === issue).length,
    }),
  };
  return state;
}

function pager(url: URL, base: string, res: ServerResponse) {
  return <T>(items: T[]): T[] => {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const n = Number(url.searchParams.get('page') ?? 1);
    if (n * perPage < items.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set('page', String(n + 1));
      res.setHeader('link', `<${base}${url.pathname}?${next.toString()}>; rel="next"`);
    }
    return items.slice((n - 1) * perPage, n * perPage);
  };
}

/** One request: authenticated by its token, routed to an operation of the description, checked, answered. */
function handle(
  s: State,
  base: string,
  violations: string[],
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
): Routed {
  const url = new URL(req.url ?? '/', base);
  const method = (req.method ?? 'GET').toLowerCase();
  const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (url.pathname === APP_ROUTE && method === 'get')
    return { template: APP_ROUTE, ...appInfo(s.app, token) };
  if (url.pathname.startsWith('/app/'))
    return { template: APP_TOKEN_ROUTE, ...appToken(s.app, url.pathname, token) };
  const user = token ? s.users[token] : undefined;
  if (!user)
    return {
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
    };
  const r = route(method, url.pathname);
  if (!r) {
    violations.push(`${method.toUpperCase()} ${url.pathname}: not an operation this server serves`);
    return NOT_FOUND;
  }
  if (`${r.params.owner}/${r.params.repo}` !== s.repository) return { template: r.template, ...NOT_FOUND };
  let body: Json = {};
  if (raw) {
    try {
      body = JSON.parse(raw) as Json;
    } catch {
      return { template: r.template, status: 400, body: { message: 'Problems parsing JSON' } };
    }
  }
  checkRequest(r.template, method, url.searchParams, raw ? body : undefined, violations);
  const handler = HANDLERS[`${method} ${r.template}`];
  const call = { params: r.params, query: url.searchParams, body, user, page: pager(url, base, res) };
  return { template: r.template, ...(handler ? handler(s, call) : NOT_FOUND) };
}

function listen(s: State, requests: string[], violations: string[], base: () => string): Server {
  return createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const archive = archiveOf(s, req.url ?? '');
      if (archive) {
        // The blob store: no API, no token (the URL is the credential).
        requests.push(`GET ${new URL(req.url ?? '/', base()).pathname} 200`);
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': archive.length });
        res.end(archive);
        return;
      }
      let out: Routed;
      try {
        out = handle(s, base(), violations, req, res, Buffer.concat(parts).toString());
      } catch (error) {
        violations.push(`${req.method} ${req.url}: the test server failed: ${String(error)}`);
        out = { status: 500, body: { message: 'test server error' } };
      }
      const method = (req.method ?? 'GET').toLowerCase();
      if (out.template) checkResponse(out.template, method, out.status, out.body, violations);
      requests.push(`${method.toUpperCase()} ${new URL(req.url ?? '/', base()).pathname} ${out.status}`);
      if (out.body === undefined) {
        res.writeHead(out.status, out.headers ?? {});
        res.end();
        return;
      }
      const text = JSON.stringify(out.body);
      res.writeHead(out.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
}

/** The archive of an artifact at a blob store URL, if the request is for one. */
function archiveOf(s: State, url: string): Uint8Array | undefined {
  const path = new URL(url, 'http://x').pathname;
  if (!path.startsWith(ARCHIVES)) return undefined;
  return s.artifacts.find((a) => `${ARCHIVES}${a.id}.zip` === path)?.zip;
}

/** What a test does to the server's state directly, as people do on github.com. */
function setters(
  s: State,
): Pick<GithubServer, 'addPull' | 'addWorkflowRun' | 'addArtifact' | 'commentsOn' | 'postAs'> {
  return {
    addArtifact(runId, name, files) {
      const zip = zipSync(
        Object.fromEntries(
          Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]),
        ),
      );
      const a: Artifact = {
        id: 70_000 + s.artifacts.length,
        runId,
        name,
        zip,
        expired: false,
        createdAt: s.now(),
      };
      s.artifacts.push(a);
      return a;
    },
    addPull(pull) {
      const full: Pull = {
        ...pull,
        commits: pull.commits ?? [pull.headSha, ...(pull.mergeCommitSha ? [pull.mergeCommitSha] : [])],
        labels: pull.labels ?? [],
      };
      s.pulls.set(full.number, full);
      s.issues.set(full.number, {
        number: full.number,
        title: `PR ${full.number}`,
        body: '',
        labels: full.labels,
        state: full.mergedAt ? 'closed' : 'open',
        user: s.users['mallory-token']!,
        isPull: true,
      });
      return full;
    },
    addWorkflowRun(run) {
      const at = s.now();
      const full: WorkflowRun = { id: 30_000 + s.runs.length, createdAt: at, updatedAt: at, ...run };
      s.runs.push(full);
      return full;
    },
    commentsOn: (issue) =>
      [...s.comments.values()].filter((c) => c.issue === issue).sort((a, b) => a.id - b.id),
    postAs(token, issue, body) {
      const at = s.now();
      const c: Comment = {
        id: s.nextComment(),
        issue,
        body,
        user: s.users[token]!,
        created: at,
        updated: at,
      };
      s.comments.set(c.id, c);
      return c;
    },
  };
}

export async function startGithubServer(
  options: { repository?: string; tokens?: Record<string, User>; app?: TestApp } = {},
): Promise<GithubServer> {
  const repository = options.repository ?? 'acme/spa-settings';
  const users: Record<string, User> = options.tokens ?? {
    'bot-token': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    'mallory-token': { login: 'mallory', id: 666, type: 'User' },
  };
  const requests: string[] = [];
  const violations: string[] = [];
  let base = '';
  const s = newState(repository, users, () => base, options.app);
  const server = listen(s, requests, violations, () => base);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  loadSpec();
  return {
    url: base,
    repository,
    requests,
    violations,
    users,
    comments: s.comments,
    issues: s.issues,
    labels: s.labels,
    pulls: s.pulls,
    artifacts: s.artifacts,
    ...setters(s),
    git: s.git,
    get beforeRefUpdate() {
      return s.hooks.beforeRefUpdate;
    },
    set beforeRefUpdate(fn) {
      s.hooks.beforeRefUpdate = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
