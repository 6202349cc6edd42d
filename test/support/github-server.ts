import { verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { interopDefault } from '../../engine/src/domain/interop.js';
import { GitObjects, type TreeInput } from './git-objects.js';

/**
 * A loopback server for the GitHub REST operations the workflow uses, keeping state like GitHub does, and
 * checking every request and every response against GitHub's official OpenAPI description (@octokit/openapi).
 * Response bodies start from the description's own examples, with the fields that matter replaced.
 */

type Json = Record<string, unknown>;
type Spec = {
  paths: Record<string, Record<string, Json>>;
  components: { examples: Record<string, { value: unknown }>; parameters: Record<string, Json> };
};

const root = join(import.meta.dirname, '..', '..');
let spec: Spec | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function loadSpec(): { spec: Spec; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = toJsonSchema(
      JSON.parse(
        readFileSync(join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8'),
      ),
    ) as Spec;
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    type AddFormats = typeof addFormatsModule.default;
    interopDefault(addFormatsModule as unknown as AddFormats | { default: AddFormats })(ajv);
    ajv.addSchema(spec, 'github');
  }
  return { spec, ajv };
}

/**
 * OpenAPI 3.0 writes "may be null" as `nullable: true`; JSON Schema writes it as a type. The one difference that
 * matters for validation is converted once, on load.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json))
    out[k] = k === 'example' || k === 'examples' ? v : toJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string')
      return {
        ...out,
        type: [out.type, 'null'],
        ...(Array.isArray(out.enum) ? { enum: [...(out.enum as unknown[]), null] } : {}),
      };
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function validator(pointer: string): ValidateFunction {
  let v = validators.get(pointer);
  if (!v) {
    v = loadSpec().ajv.compile({ $ref: `github#${pointer}` });
    validators.set(pointer, v);
  }
  return v;
}

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const example = <T>(name: string): T =>
  structuredClone(loadSpec().spec.components.examples[name]!.value) as T;

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
}

interface Comment {
  id: number;
  issue: number;
  body: string;
  user: User;
  created: string;
  updated: string;
}

interface IssueRecord {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  user: User;
  isPull: boolean;
}

/** GitHub's answer to a comment body above 65,536 characters. */
const TOO_LONG = {
  message: 'Validation Failed',
  errors: [
    {
      resource: 'IssueComment',
      code: 'custom',
      field: 'body',
      message: 'body is too long (maximum is 65536 characters)',
    },
  ],
  documentation_url: 'https://docs.github.com/rest',
};
const tooLong = (body: Json) => typeof body.body === 'string' && body.body.length > 65536;

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
  addPull(pull: Omit<Pull, 'commits'> & { commits?: string[] }): Pull;
  commentsOn(issue: number): Comment[];
  /** A comment written by a user directly, as on github.com (to forge a marker, say). */
  postAs(token: string, issue: number, body: string): Comment;
  /** The repository's git objects and refs (the Git Data API). */
  git: GitObjects;
  /** Called before a ref is updated (a test pushes another commit there, as someone would meanwhile). */
  beforeRefUpdate: ((ref: string) => void) | undefined;
  close(): Promise<void>;
}

/** A GitHub App installed on the repository: its JWTs are checked with the public key, its token is a user. */
export interface TestApp {
  appId: string;
  installationId: number;
  publicKey: string;
  token: string;
}

export async function startGithubServer(
  options: { repository?: string; tokens?: Record<string, User>; app?: TestApp } = {},
): Promise<GithubServer> {
  const repository = options.repository ?? 'acme/spa-settings';
  const [owner, repo] = repository.split('/') as [string, string];
  const users: Record<string, User> = options.tokens ?? {
    'bot-token': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    'mallory-token': { login: 'mallory', id: 666, type: 'User' },
  };
  const comments = new Map<number, Comment>();
  const issues = new Map<number, IssueRecord>();
  const pulls = new Map<number, Pull>();
  const labels = new Set<string>();
  const requests: string[] = [];
  const violations: string[] = [];
  let nextComment = 1000;
  let nextIssue = 1;
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const now = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let base = '';
  const git = new GitObjects();
  const hooks: { beforeRefUpdate: ((ref: string) => void) | undefined } = { beforeRefUpdate: undefined };

  const userJson = (u: User) => ({
    ...(example<Json>('issue-comment').user as Json),
    login: u.login,
    id: u.id,
    type: u.type,
    url: `${base}/users/${encodeURIComponent(u.login)}`,
    html_url:
      u.type === 'Bot'
        ? `https://github.com/apps/${u.login.replace('[bot]', '')}`
        : `https://github.com/${u.login}`,
  });

  const commentJson = (c: Comment) => ({
    ...example<Json>('issue-comment'),
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${repository}/issues/comments/${c.id}`,
    html_url: `https://github.com/${repository}/issues/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${repository}/issues/${c.issue}`,
    body: c.body,
    user: userJson(c.user),
    created_at: c.created,
    updated_at: c.updated,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  });

  const labelJson = (name: string) => ({
    ...example<Json>('label'),
    name,
    url: `${base}/repos/${repository}/labels/${encodeURIComponent(name)}`,
  });

  const issueJson = (i: IssueRecord) => ({
    ...example<Json>('issue'),
    id: 10_000 + i.number,
    node_id: `I_${i.number}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    user: userJson(i.user),
    labels: i.labels.map(labelJson),
    url: `${base}/repos/${repository}/issues/${i.number}`,
    html_url: `https://github.com/${repository}/issues/${i.number}`,
    comments: [...comments.values()].filter((c) => c.issue === i.number).length,
    closed_at: i.state === 'closed' ? now() : null,
    ...(i.isPull ? {} : { pull_request: undefined }),
  });

  const pullJson = (p: Pull) => {
    const t = example<Json[]>('pull-request-simple-items')[0]!;
    const head = t.head as Json;
    const headRepo = {
      ...(head.repo as Json),
      full_name: p.headRepo,
      name: p.headRepo.split('/')[1],
      fork: p.headRepo !== repository,
    };
    return {
      ...t,
      number: p.number,
      id: 20_000 + p.number,
      url: `${base}/repos/${repository}/pulls/${p.number}`,
      state: p.mergedAt ? 'closed' : 'open',
      merged_at: p.mergedAt,
      merge_commit_sha: p.mergeCommitSha,
      // The description's example lacks `type` in its requested teams; nobody is requested here.
      requested_teams: [],
      requested_reviewers: [],
      head: { ...head, sha: p.headSha, repo: headRepo },
      base: { ...(t.base as Json), ref: p.baseRef },
    };
  };

  const route = (
    method: string,
    path: string,
  ): { template: string; params: Record<string, string> } | undefined => {
    const routes = [
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      '/repos/{owner}/{repo}/issues',
      '/repos/{owner}/{repo}/labels/{name}',
      '/repos/{owner}/{repo}/labels',
      '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
      '/repos/{owner}/{repo}/git/ref/{ref}',
      '/repos/{owner}/{repo}/git/refs/{ref}',
      '/repos/{owner}/{repo}/git/commits/{commit_sha}',
      '/repos/{owner}/{repo}/git/commits',
      '/repos/{owner}/{repo}/git/trees/{tree_sha}',
      '/repos/{owner}/{repo}/git/trees',
      '/repos/{owner}/{repo}/git/blobs/{file_sha}',
      '/repos/{owner}/{repo}/git/blobs',
      '/app/installations/{installation_id}/access_tokens',
    ];
    for (const template of routes) {
      // A ref (heads/main) holds slashes, sent as they are or encoded.
      const re = new RegExp(
        `^${template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'ref' ? '(?<ref>.+)' : `(?<${name}>[^/]+)`))}$`,
      );
      const m = re.exec(path);
      if (m && loadSpec().spec.paths[template]?.[method])
        return {
          template,
          params: Object.fromEntries(
            Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
          ),
        };
    }
    return undefined;
  };

  const checkRequest = (template: string, method: string, query: URLSearchParams, body: unknown) => {
    const op = loadSpec().spec.paths[template]![method]!;
    for (const raw of (op.parameters as Json[] | undefined) ?? []) {
      const ref = raw.$ref as string | undefined;
      const param = ref ? loadSpec().spec.components.parameters[ref.split('/').pop()!]! : raw;
      if (param.in !== 'query') continue;
      const value = query.get(param.name as string);
      if (value === null) continue;
      const schema = param.schema as Json;
      const typed =
        schema.type === 'integer' || schema.type === 'number'
          ? Number(value)
          : schema.type === 'boolean'
            ? value === 'true'
            : value;
      const v = loadSpec().ajv.compile(schema);
      if (!v(typed))
        violations.push(
          `${method.toUpperCase()} ${template} query ${String(param.name)}=${value}: ${loadSpec().ajv.errorsText(v.errors)}`,
        );
    }
    for (const key of query.keys()) {
      const known = ((op.parameters as Json[] | undefined) ?? []).some((p) => {
        const param = p.$ref
          ? loadSpec().spec.components.parameters[(p.$ref as string).split('/').pop()!]!
          : p;
        return param.in === 'query' && param.name === key;
      });
      if (!known) violations.push(`${method.toUpperCase()} ${template}: unknown query parameter ${key}`);
    }
    const content = (op.requestBody as Json | undefined)?.content as Json | undefined;
    if (content) {
      const v = validator(`/paths/${esc(template)}/${method}/requestBody/content/application~1json/schema`);
      if (!v(body))
        violations.push(
          `${method.toUpperCase()} ${template} request body: ${loadSpec().ajv.errorsText(v.errors)}`,
        );
    }
  };

  const checkResponse = (template: string, method: string, status: number, body: unknown) => {
    const op = loadSpec().spec.paths[template]![method]!;
    const response = (op.responses as Json)[String(status)] as Json | undefined;
    if (!response) {
      violations.push(`${method.toUpperCase()} ${template}: status ${status} is not a documented response`);
      return;
    }
    if (!(response.content as Json | undefined)?.['application/json']) return;
    const v = validator(
      `/paths/${esc(template)}/${method}/responses/${status}/content/application~1json/schema`,
    );
    if (!v(body))
      violations.push(
        `${method.toUpperCase()} ${template} response ${status}: ${loadSpec().ajv.errorsText(v.errors).slice(0, 1000)}`,
      );
  };

  const paginate = <T>(items: T[], query: URLSearchParams, path: string, res: ServerResponse): T[] => {
    const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
    const page = Number(query.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage < items.length) {
      const next = new URLSearchParams(query);
      next.set('page', String(page + 1));
      res.setHeader('link', `<${base}${path}?${next.toString()}>; rel="next"`);
    }
    return slice;
  };

  const handle = (
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): { template?: string; status: number; body?: unknown } => {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toLowerCase();
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (url.pathname.startsWith('/app/')) return appToken(url.pathname, token);
    const user = token ? users[token] : undefined;
    if (!user)
      return {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
      };
    const r = route(method, url.pathname);
    if (!r) {
      violations.push(`${method.toUpperCase()} ${url.pathname}: not an operation this server serves`);
      return {
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
      };
    }
    if (r.params.owner !== owner || r.params.repo !== repo)
      return {
        template: r.template,
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
      };
    let body: Json = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        return { template: r.template, status: 400, body: { message: 'Problems parsing JSON' } };
      }
    }
    checkRequest(r.template, method, url.searchParams, raw ? body : undefined);
    const notFound = {
      template: r.template,
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    };
    const p = r.params;
    switch (`${method} ${r.template}`) {
      case 'get /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (!issues.has(Number(p.issue_number))) return notFound;
        const list = [...comments.values()]
          .filter((c) => c.issue === Number(p.issue_number))
          .sort((a, b) => a.id - b.id);
        return {
          template: r.template,
          status: 200,
          body: paginate(list, url.searchParams, url.pathname, res).map(commentJson),
        };
      }
      case 'post /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (!issues.has(Number(p.issue_number))) return notFound;
        if (tooLong(body)) return { template: r.template, status: 422, body: TOO_LONG };
        const at = now();
        const c: Comment = {
          id: nextComment++,
          issue: Number(p.issue_number),
          body: String(body.body),
          user,
          created: at,
          updated: at,
        };
        comments.set(c.id, c);
        return { template: r.template, status: 201, body: commentJson(c) };
      }
      case 'patch /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const c = comments.get(Number(p.comment_id));
        if (!c) return notFound;
        if (c.user.login !== user.login)
          return {
            template: r.template,
            status: 403,
            body: {
              message: 'Must have admin rights to Repository.',
              documentation_url: 'https://docs.github.com/rest',
            },
          };
        if (tooLong(body)) return { template: r.template, status: 422, body: TOO_LONG };
        c.body = String(body.body);
        c.updated = now();
        return { template: r.template, status: 200, body: commentJson(c) };
      }
      case 'delete /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const c = comments.get(Number(p.comment_id));
        if (!c) return notFound;
        comments.delete(c.id);
        return { template: r.template, status: 204 };
      }
      case 'get /repos/{owner}/{repo}/issues': {
        const state = url.searchParams.get('state') ?? 'open';
        const wanted = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
        const list = [...issues.values()]
          .filter((i) => (state === 'all' || i.state === state) && wanted.every((l) => i.labels.includes(l)))
          .sort((a, b) => b.number - a.number);
        return {
          template: r.template,
          status: 200,
          body: paginate(list, url.searchParams, url.pathname, res).map(issueJson),
        };
      }
      case 'post /repos/{owner}/{repo}/issues': {
        const issue: IssueRecord = {
          number: nextIssue++,
          title: String(body.title),
          body: typeof body.body === 'string' ? body.body : '',
          labels: ((body.labels as string[] | undefined) ?? []).map(String),
          state: 'open',
          user,
          isPull: false,
        };
        for (const l of issue.labels) labels.add(l);
        issues.set(issue.number, issue);
        return { template: r.template, status: 201, body: issueJson(issue) };
      }
      case 'patch /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = issues.get(Number(p.issue_number));
        if (!issue) return notFound;
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
        return { template: r.template, status: 200, body: issueJson(issue) };
      }
      case 'get /repos/{owner}/{repo}/labels/{name}':
        return labels.has(p.name!)
          ? { template: r.template, status: 200, body: labelJson(p.name!) }
          : notFound;
      case 'post /repos/{owner}/{repo}/labels': {
        const name = String(body.name);
        if (labels.has(name))
          return {
            template: r.template,
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
              documentation_url: 'https://docs.github.com/rest',
            },
          };
        labels.add(name);
        return { template: r.template, status: 201, body: labelJson(name) };
      }
      case 'get /repos/{owner}/{repo}/commits/{commit_sha}/pulls': {
        const list = [...pulls.values()]
          .filter((pr) => pr.commits.includes(p.commit_sha!))
          .sort((a, b) => a.number - b.number);
        return {
          template: r.template,
          status: 200,
          body: paginate(list, url.searchParams, url.pathname, res).map(pullJson),
        };
      }
      default:
        return gitRoute(`${method} ${r.template}`, r.template, p, body, url.searchParams) ?? notFound;
    }
  };

  const gitRoute = gitRoutes(() => base, repository, git, hooks);

  /** POST /app/installations/{id}/access_tokens with the App's JWT (RS256, signed with its private key). */
  const appToken = (
    path: string,
    jwt: string | undefined,
  ): { template?: string; status: number; body?: unknown } => {
    const template = '/app/installations/{installation_id}/access_tokens';
    const app = options.app;
    const id = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path)?.[1];
    const denied = {
      template,
      status: 401,
      body: {
        message: 'A JSON web token could not be decoded',
        documentation_url: 'https://docs.github.com/rest',
      },
    };
    if (!app || !id || !jwt) return denied;
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) return denied;
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      app.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      iss?: string | number;
      exp?: number;
    };
    if (!ok || String(claims.iss) !== app.appId || (claims.exp ?? 0) * 1000 < Date.now()) return denied;
    if (Number(id) !== app.installationId)
      return {
        template,
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
      };
    return {
      template,
      status: 201,
      body: {
        ...example<Json>('installation-token'),
        token: app.token,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { contents: 'write' },
      },
    };
  };

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString();
      let out: ReturnType<typeof handle>;
      try {
        out = handle(req, res, raw);
      } catch (error) {
        violations.push(`${req.method} ${req.url}: the test server failed: ${String(error)}`);
        out = { status: 500, body: { message: 'test server error' } };
      }
      const method = (req.method ?? 'GET').toLowerCase();
      if (out.template) checkResponse(out.template, method, out.status, out.body);
      requests.push(`${method.toUpperCase()} ${new URL(req.url ?? '/', base).pathname} ${out.status}`);
      if (out.body === undefined) {
        res.writeHead(out.status);
        res.end();
      } else {
        const text = JSON.stringify(out.body);
        res.writeHead(out.status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  loadSpec();

  return {
    url: base,
    repository,
    requests,
    violations,
    users,
    comments,
    issues,
    labels,
    addPull(pull) {
      const full: Pull = {
        ...pull,
        commits: pull.commits ?? [pull.headSha, ...(pull.mergeCommitSha ? [pull.mergeCommitSha] : [])],
      };
      pulls.set(full.number, full);
      issues.set(full.number, {
        number: full.number,
        title: `PR ${full.number}`,
        body: '',
        labels: [],
        state: full.mergedAt ? 'closed' : 'open',
        user: users['mallory-token']!,
        isPull: true,
      });
      nextIssue = Math.max(nextIssue, full.number + 1);
      return full;
    },
    commentsOn: (issue) =>
      [...comments.values()].filter((c) => c.issue === issue).sort((a, b) => a.id - b.id),
    postAs(token, issue, body) {
      const at = now();
      const c: Comment = { id: nextComment++, issue, body, user: users[token]!, created: at, updated: at };
      comments.set(c.id, c);
      return c;
    },
    git,
    get beforeRefUpdate() {
      return hooks.beforeRefUpdate;
    },
    set beforeRefUpdate(fn) {
      hooks.beforeRefUpdate = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Answer = { template?: string; status: number; body?: unknown };

/** The Git Data API over GitObjects: refs, commits, trees and blobs, with GitHub's answers. */
function gitRoutes(
  base: () => string,
  repository: string,
  git: GitObjects,
  hooks: { beforeRefUpdate: ((ref: string) => void) | undefined },
): (
  key: string,
  template: string,
  p: Record<string, string>,
  body: Json,
  query: URLSearchParams,
) => Answer | undefined {
  const api = () => `${base()}/repos/${repository}/git`;
  const notFound = (template: string) => ({
    template,
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
  });
  const refJson = (ref: string, sha: string) => ({
    ...example<Json>('git-ref'),
    ref: `refs/${ref}`,
    node_id: `REF_${sha.slice(0, 8)}`,
    url: `${api()}/refs/${ref}`,
    object: { type: 'commit', sha, url: `${api()}/commits/${sha}` },
  });
  const commitJson = (sha: string) => {
    const c = git.commits.get(sha)!;
    const person = { name: 'spa', email: 'spa@example.com', date: c.date };
    return {
      ...example<Json>('git-commit'),
      sha,
      node_id: `C_${sha.slice(0, 8)}`,
      url: `${api()}/commits/${sha}`,
      html_url: `https://github.com/${repository}/commit/${sha}`,
      author: person,
      committer: person,
      message: c.message,
      tree: { sha: c.tree, url: `${api()}/trees/${c.tree}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${api()}/commits/${p}`,
        html_url: `https://github.com/${repository}/commit/${p}`,
      })),
    };
  };
  const treeJson = (sha: string, recursive: boolean) => {
    const items = recursive
      ? [...git.flatten(sha)].map(([path, item]) => ({ path, ...item }))
      : [...git.trees.get(sha)!].map(([path, item]) => ({ path, ...item }));
    return {
      sha,
      url: `${api()}/trees/${sha}`,
      truncated: false,
      tree: items.map((i) => ({
        path: i.path,
        mode: i.mode,
        type: i.type,
        sha: i.sha,
        url: `${api()}/${i.type === 'tree' ? 'trees' : 'blobs'}/${i.sha}`,
        ...(i.type === 'blob' ? { size: git.blobs.get(i.sha)?.length ?? 0 } : {}),
      })),
    };
  };
  return (key, template, p, body, query) => {
    switch (key) {
      case 'get /repos/{owner}/{repo}/git/ref/{ref}': {
        const sha = git.refs.get(p.ref!);
        return sha ? { template, status: 200, body: refJson(p.ref!, sha) } : notFound(template);
      }
      case 'patch /repos/{owner}/{repo}/git/refs/{ref}': {
        hooks.beforeRefUpdate?.(p.ref!);
        const current = git.refs.get(p.ref!);
        const sha = String(body.sha);
        if (!current || !git.commits.has(sha))
          return {
            template,
            status: 422,
            body: { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest' },
          };
        if (body.force !== true && !git.isAncestor(current, sha))
          return {
            template,
            status: 422,
            body: {
              message: 'Update is not a fast forward',
              documentation_url: 'https://docs.github.com/rest',
            },
          };
        git.refs.set(p.ref!, sha);
        return { template, status: 200, body: refJson(p.ref!, sha) };
      }
      case 'get /repos/{owner}/{repo}/git/commits/{commit_sha}':
        return git.commits.has(p.commit_sha!)
          ? { template, status: 200, body: commitJson(p.commit_sha!) }
          : notFound(template);
      case 'post /repos/{owner}/{repo}/git/commits': {
        const parents = (body.parents as string[] | undefined) ?? [];
        if (!git.trees.has(String(body.tree)) || parents.some((x) => !git.commits.has(x)))
          return notFound(template);
        return {
          template,
          status: 201,
          body: commitJson(git.createCommit(String(body.message), String(body.tree), parents)),
        };
      }
      case 'get /repos/{owner}/{repo}/git/trees/{tree_sha}':
        return git.trees.has(p.tree_sha!)
          ? { template, status: 200, body: treeJson(p.tree_sha!, query.has('recursive')) }
          : notFound(template);
      case 'post /repos/{owner}/{repo}/git/trees': {
        const baseTree = body.base_tree as string | undefined;
        if (baseTree && !git.trees.has(baseTree)) return notFound(template);
        try {
          return {
            template,
            status: 201,
            body: treeJson(git.createTree(baseTree, body.tree as TreeInput[]), false),
          };
        } catch (error) {
          return {
            template,
            status: 422,
            body: { message: (error as Error).message, documentation_url: 'https://docs.github.com/rest' },
          };
        }
      }
      case 'get /repos/{owner}/{repo}/git/blobs/{file_sha}': {
        const blob = git.blobs.get(p.file_sha!);
        if (!blob) return notFound(template);
        return {
          template,
          status: 200,
          body: {
            ...example<Json>('blob'),
            sha: p.file_sha,
            size: blob.length,
            url: `${api()}/blobs/${p.file_sha}`,
            content: blob.toString('base64'),
            encoding: 'base64',
            node_id: `B_${p.file_sha!.slice(0, 8)}`,
          },
        };
      }
      case 'post /repos/{owner}/{repo}/git/blobs': {
        const content = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
        const sha = git.putBlob(content);
        return { template, status: 201, body: { url: `${api()}/blobs/${sha}`, sha } };
      }
      default:
        return undefined;
    }
  };
}
