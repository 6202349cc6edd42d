import type { Octokit } from 'octokit';
import type { GithubClient } from './client.js';

/** The Git Data API of either client: the Actions toolkit's (a token) or a GitHub App installation's. */
type GitClient = { rest: { git: GithubClient['rest']['git'] } } | Octokit;
import { EngineError } from '../../domain/errors.js';
import type { ReportFile } from '../../ports/report-store.js';

/** Text files up to this size travel inside the tree request; others are blobs first (one request each). */
const INLINE_LIMIT = 512 * 1024;
const ATTEMPTS = 5;

type TreeEntry =
  | { path: string; mode: '100644'; type: 'blob'; sha: string | null }
  | { path: string; mode: '100644'; type: 'blob'; content: string };

/** One repository through the Git Data API: trees read by path, and commits of many files at once. */
export class GitData {
  private readonly owner: string;
  private readonly repo: string;

  constructor(
    private readonly octokit: GitClient,
    readonly repository: string,
    private readonly log: (text: string) => void = () => undefined,
  ) {
    [this.owner, this.repo] = repository.split('/') as [string, string];
  }

  /** The commit a branch points at, and its tree. */
  async head(branch: string): Promise<{ commit: string; tree: string }> {
    const ref = await this.octokit.rest.git.getRef({
      owner: this.owner,
      repo: this.repo,
      ref: `heads/${branch}`,
    });
    const commit = await this.octokit.rest.git.getCommit({
      owner: this.owner,
      repo: this.repo,
      commit_sha: ref.data.object.sha,
    });
    return { commit: ref.data.object.sha, tree: commit.data.tree.sha };
  }

  /** The tree or blob at a path below a tree, walking one folder at a time; undefined when absent. */
  async entryAt(tree: string, path: string): Promise<{ sha: string; type: string } | undefined> {
    let current: { sha: string; type: string } = { sha: tree, type: 'tree' };
    for (const name of path.split('/').filter(Boolean)) {
      if (current.type !== 'tree') return undefined;
      const t = await this.octokit.rest.git.getTree({
        owner: this.owner,
        repo: this.repo,
        tree_sha: current.sha,
      });
      const next = t.data.tree.find((e) => e.path === name);
      if (!next?.sha || !next.type) return undefined;
      current = { sha: next.sha, type: next.type };
    }
    return current;
  }

  /** Every file below a folder of a tree, as paths from the root. */
  async filesBelow(tree: string, folder: string): Promise<string[]> {
    const at = await this.entryAt(tree, folder);
    if (!at || at.type !== 'tree') return [];
    const t = await this.octokit.rest.git.getTree({
      owner: this.owner,
      repo: this.repo,
      tree_sha: at.sha,
      recursive: 'true',
    });
    if (t.data.truncated)
      throw new EngineError(
        'github-tree-truncated',
        `the folder ${folder} holds too many files for one listing`,
        { source: 'system' },
      );
    return t.data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => `${folder}/${e.path}`);
  }

  async blob(sha: string): Promise<Uint8Array> {
    const b = await this.octokit.rest.git.getBlob({ owner: this.owner, repo: this.repo, file_sha: sha });
    return Buffer.from(b.data.content, b.data.encoding === 'base64' ? 'base64' : 'utf8');
  }

  /**
   * One commit on `branch` that writes `files` and removes the other files below `folder`: blobs, a tree on the
   * head's tree, a commit whose parent is the head, then the ref moved to it (never forced). When the branch moved
   * meanwhile (someone pushed), the tree and commit are made again on the new head, up to 5 times.
   */
  async commitFolder(
    branch: string,
    folder: string,
    files: ReportFile[],
    message: string,
  ): Promise<{ commit: string; attempts: number }> {
    const entries = await this.entriesOf(files);
    const kept = new Set(files.map((f) => f.path));
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const head = await this.head(branch);
      const removed = (await this.filesBelow(head.tree, folder)).filter((p) => !kept.has(p));
      const tree = await this.octokit.rest.git.createTree({
        owner: this.owner,
        repo: this.repo,
        base_tree: head.tree,
        tree: [
          ...entries,
          ...removed.map((path): TreeEntry => ({ path, mode: '100644', type: 'blob', sha: null })),
        ],
      });
      const commit = await this.octokit.rest.git.createCommit({
        owner: this.owner,
        repo: this.repo,
        message,
        tree: tree.data.sha,
        parents: [head.commit],
      });
      try {
        await this.octokit.rest.git.updateRef({
          owner: this.owner,
          repo: this.repo,
          ref: `heads/${branch}`,
          sha: commit.data.sha,
          force: false,
        });
        return { commit: commit.data.sha, attempts: attempt };
      } catch (error) {
        const e = error as { status?: number; message?: string };
        if (e.status !== 422 || !/fast.forward/i.test(e.message ?? '') || attempt === ATTEMPTS) throw error;
        this.log(
          `${this.repository}@${branch} moved while the report was committed; committing again on its new head`,
        );
      }
    }
    throw new EngineError('github-branch-busy', `${branch} kept moving`, { source: 'system' });
  }

  /**
   * Makes `branch` one commit on the head of `base` that writes `files`: created when missing, moved (forced: the
   * branch is the workflow's own) when its content differs, left alone when it already holds exactly that.
   */
  async branchWith(
    branch: string,
    base: string,
    files: ReportFile[],
    message: string,
  ): Promise<{ commit: string; action: 'created' | 'updated' | 'unchanged' }> {
    const from = await this.head(base);
    const existing = await this.headIfAny(branch);
    const tree = await this.octokit.rest.git.createTree({
      owner: this.owner,
      repo: this.repo,
      base_tree: from.tree,
      tree: await this.entriesOf(files),
    });
    if (existing && existing.tree === tree.data.sha && existing.parents.includes(from.commit))
      return { commit: existing.commit, action: 'unchanged' };
    const commit = await this.octokit.rest.git.createCommit({
      owner: this.owner,
      repo: this.repo,
      message,
      tree: tree.data.sha,
      parents: [from.commit],
    });
    if (existing) {
      await this.octokit.rest.git.updateRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
        sha: commit.data.sha,
        force: true,
      });
      return { commit: commit.data.sha, action: 'updated' };
    }
    await this.octokit.rest.git.createRef({
      owner: this.owner,
      repo: this.repo,
      ref: `refs/heads/${branch}`,
      sha: commit.data.sha,
    });
    return { commit: commit.data.sha, action: 'created' };
  }

  /** A branch's commit, tree and parents, or undefined when the branch does not exist. */
  private async headIfAny(
    branch: string,
  ): Promise<{ commit: string; tree: string; parents: string[] } | undefined> {
    let sha: string;
    try {
      const ref = await this.octokit.rest.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
      });
      sha = ref.data.object.sha;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
    const commit = await this.octokit.rest.git.getCommit({
      owner: this.owner,
      repo: this.repo,
      commit_sha: sha,
    });
    return { commit: sha, tree: commit.data.tree.sha, parents: commit.data.parents.map((p) => p.sha) };
  }

  private async entriesOf(files: ReportFile[]): Promise<TreeEntry[]> {
    const out: TreeEntry[] = [];
    for (const f of files) {
      const text = f.content.byteLength <= INLINE_LIMIT ? asText(f.content) : undefined;
      if (text !== undefined) {
        out.push({ path: f.path, mode: '100644', type: 'blob', content: text });
        continue;
      }
      const blob = await this.octokit.rest.git.createBlob({
        owner: this.owner,
        repo: this.repo,
        content: Buffer.from(f.content).toString('base64'),
        encoding: 'base64',
      });
      out.push({ path: f.path, mode: '100644', type: 'blob', sha: blob.data.sha });
    }
    return out;
  }
}

/** The content as text when it is UTF-8 text (CSV, Markdown, JSON); undefined for binary files (XLSX). */
function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    // ignoreBOM keeps a byte order mark in the text (the CSV files start with one, for Excel).
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
