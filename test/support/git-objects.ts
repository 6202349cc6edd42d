import { createHash } from 'node:crypto';

/**
 * The git objects of the loopback GitHub server: blobs, nested trees and commits named by git's own SHA-1 of
 * their content, and refs. What the Git Data API does with them (a tree on a base tree with paths that create
 * folders, `sha: null` to delete, inline `content`) is done here the way GitHub does it.
 */
export interface TreeItem {
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
}

export interface CommitObject {
  tree: string;
  parents: string[];
  message: string;
  date: string;
}

export type TreeInput = { path: string; mode: string; type: string; sha?: string | null; content?: string };

const hash = (type: string, body: Buffer) =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');

export class GitObjects {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Map<string, TreeItem>>();
  readonly commits = new Map<string, CommitObject>();
  readonly refs = new Map<string, string>();
  private clock = Date.parse('2026-11-06T07:00:00Z');

  putBlob(content: Buffer): string {
    const sha = hash('blob', content);
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(entries: Map<string, TreeItem>): string {
    // git orders entries by name, folders as if their name ended with '/'.
    const key = (name: string, item: TreeItem) => (item.type === 'tree' ? `${name}/` : name);
    const sorted = [...entries].sort(([a, x], [b, y]) => (key(a, x) < key(b, y) ? -1 : 1));
    const body = Buffer.concat(
      sorted.map(([name, item]) =>
        Buffer.concat([
          Buffer.from(`${item.type === 'tree' ? '40000' : item.mode} ${name}\0`),
          Buffer.from(item.sha, 'hex'),
        ]),
      ),
    );
    const sha = hash('tree', body);
    this.trees.set(sha, new Map(sorted));
    return sha;
  }

  /** Every file of a tree, by path. */
  flatten(treeSha: string, prefix = '', out = new Map<string, TreeItem>()): Map<string, TreeItem> {
    for (const [name, item] of this.trees.get(treeSha) ?? []) {
      if (item.type === 'tree') this.flatten(item.sha, `${prefix}${name}/`, out);
      else out.set(`${prefix}${name}`, item);
    }
    return out;
  }

  /** The tree (and its sub-trees) of a set of files. */
  build(files: Map<string, TreeItem>): string {
    const root = new Map<string, TreeItem | Map<string, unknown>>();
    for (const [path, item] of files) {
      const parts = path.split('/');
      let node = root as Map<string, unknown>;
      for (const part of parts.slice(0, -1)) {
        if (!node.has(part)) node.set(part, new Map());
        node = node.get(part) as Map<string, unknown>;
      }
      node.set(parts.at(-1)!, item);
    }
    const write = (node: Map<string, unknown>): string =>
      this.putTree(
        new Map(
          [...node].map(([name, child]) =>
            child instanceof Map
              ? [name, { mode: '040000', type: 'tree', sha: write(child as Map<string, unknown>) }]
              : [name, child as TreeItem],
          ),
        ),
      );
    return write(root);
  }

  /** POST /git/trees: entries applied on the base tree's files. */
  createTree(base: string | undefined, entries: TreeInput[]): string {
    const files = base ? this.flatten(base) : new Map<string, TreeItem>();
    for (const e of entries) {
      if (e.sha === null) {
        if (!files.delete(e.path)) throw new Error(`${e.path} is not in the base tree`);
      } else if (e.content !== undefined)
        files.set(e.path, { mode: e.mode, type: 'blob', sha: this.putBlob(Buffer.from(e.content, 'utf8')) });
      else if (e.sha && this.blobs.has(e.sha)) files.set(e.path, { mode: e.mode, type: 'blob', sha: e.sha });
      else throw new Error(`no blob ${String(e.sha)}`);
    }
    return this.build(files);
  }

  createCommit(message: string, tree: string, parents: string[]): string {
    const date = new Date((this.clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const body = Buffer.from(
      `tree ${tree}\n${parents.map((p) => `parent ${p}\n`).join('')}author spa <spa@example.com> ${Date.parse(date) / 1000} +0000\n\n${message}`,
    );
    const sha = hash('commit', body);
    this.commits.set(sha, { tree, parents, message, date });
    return sha;
  }

  isAncestor(ancestor: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length) {
      const sha = stack.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  /** A commit of text files on a branch, on top of its head (a push by someone else). */
  push(branch: string, files: Record<string, string>, message = 'A commit by someone else'): string {
    const head = this.refs.get(`heads/${branch}`);
    const base = head ? this.commits.get(head)!.tree : undefined;
    const tree = this.createTree(
      base,
      Object.entries(files).map(([path, content]) => ({ path, mode: '100644', type: 'blob', content })),
    );
    const commit = this.createCommit(message, tree, head ? [head] : []);
    this.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  /** The files of a commit, as text. */
  filesOf(commit: string): Map<string, Buffer> {
    const tree = this.commits.get(commit)!.tree;
    return new Map([...this.flatten(tree)].map(([path, item]) => [path, this.blobs.get(item.sha)!]));
  }
}
