import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { EngineError } from '../../domain/errors.js';
import type { SourceFile } from '../../domain/source.js';
import { ACCOUNTS_DIR, CSV_DIR, OUS_DIR, SETTINGS_FILE } from '../../config/layout.js';

/** How many files are read at once: enough to hide disk latency, few enough to stay under file-handle limits. */
const READ_CONCURRENCY = 64;

/** Reads the settings tree (settings.yaml, accounts/, organizational-units/, tags-csv/) below `dir`. */
export async function readSettingsTree(dir: string): Promise<SourceFile[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error('not a directory');
  } catch (cause) {
    throw new EngineError(
      'settings-dir-not-found',
      `settings directory ${dir} does not exist or is not a directory`,
      {
        source: 'user',
        cause,
        hint: 'run the command at the root of the settings repository, or pass --dir',
      },
    );
  }
  const paths: string[] = [];
  const settings = join(dir, SETTINGS_FILE);
  if (await exists(settings)) paths.push(settings);
  for (const sub of [ACCOUNTS_DIR, OUS_DIR, CSV_DIR]) paths.push(...(await listFiles(join(dir, sub))));
  const files = new Array<SourceFile>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const path = paths[i]!;
      try {
        files[i] = { path: relative(dir, path).split(sep).join('/'), bytes: await readFile(path) };
      } catch (cause) {
        throw new EngineError('settings-read-failed', `cannot read ${path}`, { source: 'system', cause });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, worker));
  return files;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
