import { example, type Json } from './github-openapi.js';
import type { Answer, Call, State } from './github-routes.js';
import type { TreeInput } from './git-objects.js';

/**
 * The Git Data API over the server's git objects (refs, commits, trees, blobs), answering as GitHub does: a
 * ref update that is not a fast forward is refused, and a test may move the ref just before an update.
 */

const NOT_FOUND: Answer = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
};
const unprocessable = (message: string): Answer => ({
  status: 422,
  body: { message, documentation_url: 'https://docs.github.com/rest' },
});

type Handler = (s: State, c: Call) => Answer;

const api = (s: State) => `${s.base()}/repos/${s.repository}/git`;

function refJson(s: State, ref: string, sha: string) {
  return {
    ...example<Json>('git-ref'),
    ref: `refs/${ref}`,
    node_id: `REF_${sha.slice(0, 8)}`,
    url: `${api(s)}/refs/${ref}`,
    object: { type: 'commit', sha, url: `${api(s)}/commits/${sha}` },
  };
}

function commitJson(s: State, sha: string) {
  const c = s.git.commits.get(sha)!;
  const person = { name: 'spa', email: 'spa@example.com', date: c.date };
  return {
    ...example<Json>('git-commit'),
    sha,
    node_id: `C_${sha.slice(0, 8)}`,
    url: `${api(s)}/commits/${sha}`,
    html_url: `https://github.com/${s.repository}/commit/${sha}`,
    author: person,
    committer: person,
    message: c.message,
    tree: { sha: c.tree, url: `${api(s)}/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api(s)}/commits/${p}`,
      html_url: `https://github.com/${s.repository}/commit/${p}`,
    })),
  };
}

function treeJson(s: State, sha: string, recursive: boolean) {
  const items = recursive
    ? [...s.git.flatten(sha)].map(([path, item]) => ({ path, ...item }))
    : [...s.git.trees.get(sha)!].map(([path, item]) => ({ path, ...item }));
  return {
    sha,
    url: `${api(s)}/trees/${sha}`,
    truncated: false,
    tree: items.map((i) => ({
      path: i.path,
      mode: i.mode,
      type: i.type,
      sha: i.sha,
      url: `${api(s)}/${i.type === 'tree' ? 'trees' : 'blobs'}/${i.sha}`,
      ...(i.type === 'blob' ? { size: s.git.blobs.get(i.sha)?.length ?? 0 } : {}),
    })),
  };
}

const refs: Record<string, Handler> = {
  'get /repos/{owner}/{repo}/git/ref/{ref}': (s, c) => {
    const sha = s.git.refs.get(c.params.ref!);
    return sha ? { status: 200, body: refJson(s, c.params.ref!, sha) } : NOT_FOUND;
  },
  'post /repos/{owner}/{repo}/git/refs': (s, c) => {
    const ref = String(c.body.ref).replace(/^refs\//, '');
    const sha = String(c.body.sha);
    if (!/^refs\/heads\/./.test(String(c.body.ref)) || !s.git.commits.has(sha))
      return unprocessable('Reference update failed');
    if (s.git.refs.has(ref)) return unprocessable('Reference already exists');
    s.git.refs.set(ref, sha);
    return { status: 201, body: refJson(s, ref, sha) };
  },
  'patch /repos/{owner}/{repo}/git/refs/{ref}': (s, c) => {
    const ref = c.params.ref!;
    s.hooks.beforeRefUpdate?.(ref);
    const current = s.git.refs.get(ref);
    const sha = String(c.body.sha);
    if (!current || !s.git.commits.has(sha)) return unprocessable('Reference does not exist');
    if (c.body.force !== true && !s.git.isAncestor(current, sha))
      return unprocessable('Update is not a fast forward');
    s.git.refs.set(ref, sha);
    return { status: 200, body: refJson(s, ref, sha) };
  },
};

const objects: Record<string, Handler> = {
  'get /repos/{owner}/{repo}/git/commits/{commit_sha}': (s, c) =>
    s.git.commits.has(c.params.commit_sha!)
      ? { status: 200, body: commitJson(s, c.params.commit_sha!) }
      : NOT_FOUND,
  'post /repos/{owner}/{repo}/git/commits': (s, c) => {
    const parents = (c.body.parents as string[] | undefined) ?? [];
    if (!s.git.trees.has(String(c.body.tree)) || parents.some((x) => !s.git.commits.has(x))) return NOT_FOUND;
    const sha = s.git.createCommit(String(c.body.message), String(c.body.tree), parents);
    return { status: 201, body: commitJson(s, sha) };
  },
  'get /repos/{owner}/{repo}/git/trees/{tree_sha}': (s, c) =>
    s.git.trees.has(c.params.tree_sha!)
      ? { status: 200, body: treeJson(s, c.params.tree_sha!, c.query.has('recursive')) }
      : NOT_FOUND,
  'post /repos/{owner}/{repo}/git/trees': (s, c) => {
    const baseTree = c.body.base_tree as string | undefined;
    if (baseTree && !s.git.trees.has(baseTree)) return NOT_FOUND;
    try {
      return {
        status: 201,
        body: treeJson(s, s.git.createTree(baseTree, c.body.tree as TreeInput[]), false),
      };
    } catch (error) {
      return unprocessable((error as Error).message);
    }
  },
  'get /repos/{owner}/{repo}/git/blobs/{file_sha}': (s, c) => {
    const sha = c.params.file_sha!;
    const blob = s.git.blobs.get(sha);
    if (!blob) return NOT_FOUND;
    return {
      status: 200,
      body: {
        ...example<Json>('blob'),
        sha,
        size: blob.length,
        url: `${api(s)}/blobs/${sha}`,
        content: blob.toString('base64'),
        encoding: 'base64',
        node_id: `B_${sha.slice(0, 8)}`,
      },
    };
  },
  'post /repos/{owner}/{repo}/git/blobs': (s, c) => {
    const content = Buffer.from(String(c.body.content), c.body.encoding === 'base64' ? 'base64' : 'utf8');
    const sha = s.git.putBlob(content);
    return { status: 201, body: { url: `${api(s)}/blobs/${sha}`, sha } };
  },
};

export const GIT_ROUTES = [
  '/repos/{owner}/{repo}/git/ref/{ref}',
  '/repos/{owner}/{repo}/git/refs/{ref}',
  '/repos/{owner}/{repo}/git/refs',
  '/repos/{owner}/{repo}/git/commits/{commit_sha}',
  '/repos/{owner}/{repo}/git/commits',
  '/repos/{owner}/{repo}/git/trees/{tree_sha}',
  '/repos/{owner}/{repo}/git/trees',
  '/repos/{owner}/{repo}/git/blobs/{file_sha}',
  '/repos/{owner}/{repo}/git/blobs',
];

export const GIT_HANDLERS: Record<string, Handler> = { ...refs, ...objects };
