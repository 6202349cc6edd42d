import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { EngineError } from '../../domain/errors.js';
import type { FileRefusal } from '../../domain/source.js';
import { ACCOUNTS_DIR, classify, CSV_DIR, OUS_DIR, SETTINGS_FILE } from '../../config/layout.js';
import { kindOf } from './read-file.js';

/** A file of the settings tree: where it is in the repository, and the real file to read (or why not). */
export interface TreeEntry {
  /** Relative to the settings directory, forward slashes, as git shows it (through links). */
  path: string;
  /** The real path of a regular file inside the settings directory. */
  real: string;
  refused?: FileRefusal;
}

/** Far more than any organization needs; stops a tree of links that multiplies directories. */
export const MAX_TREE_ENTRIES = 200_000;

/**
 * Lists settings.yaml and the files of the settings folders. Symbolic links are followed only when their
 * real path stays inside the settings directory; a link that leaves it, loops or points nowhere is listed
 * as refused, and so is anything that is not a regular file or a directory. Nothing is ever left out silently.
 */
export function listSettingsTree(dir: string): TreeEntry[] {
  const root = realpathSync(dir);
  const walk = new Walk(root);
  const settings = join(root, SETTINGS_FILE);
  if (lstatOrUndefined(settings)) walk.entry(settings, SETTINGS_FILE, [root], true);
  for (const folder of [ACCOUNTS_DIR, OUS_DIR, CSV_DIR]) {
    const name = folder.replace(/\/$/, '');
    if (lstatOrUndefined(join(root, name))) walk.entry(join(root, name), name, [root]);
  }
  return walk.entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Named files of the settings directory (the policy documents settings.yaml names), under the same rules:
 * a file is read only when it is a regular file inside the directory; a missing one is left out (the
 * validation reports the name that points nowhere).
 */
export function listNamedFiles(dir: string, paths: readonly string[]): TreeEntry[] {
  const root = realpathSync(dir);
  const walk = new Walk(root);
  for (const path of paths)
    if (lstatOrUndefined(join(root, path))) walk.entry(join(root, path), path, [root], true);
  return walk.entries;
}

class Walk {
  readonly entries: TreeEntry[] = [];

  constructor(private readonly root: string) {}

  /**
   * One name of the tree: `abs` is where it is found, `ancestors` the real directories above it. `fileOnly`:
   * a file is expected here (settings.yaml), a directory is refused rather than walked.
   */
  entry(abs: string, path: string, ancestors: readonly string[], fileOnly = false): void {
    if (this.entries.length >= MAX_TREE_ENTRIES) {
      throw new EngineError(
        'settings-tree-too-large',
        `the settings directory holds more than ${MAX_TREE_ENTRIES} files`,
        {
          source: 'user',
          hint: 'check the symbolic links of the settings folders: links to directories may repeat them many times',
        },
      );
    }
    const link = lstatSync(abs);
    if (link.isSymbolicLink()) return this.link(abs, path, ancestors, fileOnly);
    if (link.isDirectory() && !fileOnly) return this.directory(abs, path, ancestors);
    this.file(abs, path, link);
  }

  /** Inside the settings directory, and not in git's own files (.git/config may hold a token). */
  private inside(real: string): boolean {
    if (real === this.root) return true;
    if (!real.startsWith(this.root + sep)) return false;
    return !real
      .slice(this.root.length + 1)
      .split(sep)
      .includes('.git');
  }

  private file(real: string, path: string, stats: Stats): void {
    if (classify(path) === 'ignored') return;
    this.entries.push(
      stats.isFile()
        ? { path, real }
        : { path, real, refused: { reason: 'not-a-regular-file', kind: kindOf(stats) } },
    );
  }

  private directory(real: string, path: string, ancestors: readonly string[]): void {
    const names = readdirSync(real).sort();
    for (const name of names) this.entry(join(real, name), `${path}/${name}`, [...ancestors, real]);
  }

  private link(abs: string, path: string, ancestors: readonly string[], fileOnly: boolean): void {
    const target = readlinkSync(abs);
    // Links are reported even where a file would be ignored, except for README.md and the like in a folder.
    const refuse = (refused: FileRefusal) => {
      if (classify(path) !== 'ignored' || !path.includes('/') || refused.reason === 'link-outside')
        this.entries.push({ path, real: abs, refused });
    };
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (error) {
      const code = (error as { code?: string }).code;
      return refuse({ reason: code === 'ELOOP' ? 'link-loop' : 'broken-link', target });
    }
    if (!this.inside(real)) return refuse({ reason: 'link-outside', target });
    const stats = statSync(real);
    if (!stats.isDirectory() || fileOnly) return this.file(real, path, stats);
    // A link to a directory that holds it would list the same files forever.
    if (ancestors.includes(real) || real === this.root) return refuse({ reason: 'link-loop', target });
    this.directory(real, path, ancestors);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
