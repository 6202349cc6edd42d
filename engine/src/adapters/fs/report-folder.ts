import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ReportStore } from '../../ports/report-store.js';
import { writeFileAtomic } from './write-file.js';

/** Reports in a folder of the working tree (by default the settings directory, a clone of the repository). */
export function reportFolder(root: string): ReportStore {
  const at = (path: string) => {
    const full = resolve(root, path);
    // Paths are made by the engine from slugs; this keeps it so.
    if (relative(root, full).startsWith('..')) throw new Error(`${path} is outside ${root}`);
    return full;
  };
  return {
    description: root,
    read(path) {
      try {
        return Promise.resolve(readFileSync(at(path)));
      } catch {
        return Promise.resolve(undefined);
      }
    },
    replaceFolder(folder, files) {
      const kept = new Set(files.map((f) => f.path));
      for (const f of files) writeFileAtomic(at(f.path), f.content);
      for (const path of list(at(folder))) if (!kept.has(path)) rmSync(at(path), { force: true });
      return Promise.resolve({ location: at(folder) });
    },
  };

  function list(folder: string): string[] {
    try {
      return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => relative(root, join(d.parentPath, d.name)).split(sep).join('/'));
    } catch {
      return [];
    }
  }
}
