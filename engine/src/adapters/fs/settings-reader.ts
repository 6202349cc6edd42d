import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { EngineError } from '../../domain/errors.js';
import type { SourceFile } from '../../domain/source.js';
import { ACCOUNTS_DIR, CSV_DIR, OUS_DIR, SETTINGS_FILE } from '../../config/layout.js';
import { namedPolicyFiles } from '../../config/policy-files.js';

/**
 * Reads the settings tree (settings.yaml, accounts/, organizational-units/, tags-csv/, and the policy documents
 * of infra/policies/ that settings.yaml names) below `dir`.
 */
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
  // Settings files are small and local: reading them one after the other is faster than the thread pool's
  // round trips (measured by `npm run bench`).
  const read = (path: string): SourceFile => {
    try {
      return { path: relative(dir, path).split(sep).join('/'), bytes: readFileSync(path) };
    } catch (cause) {
      throw new EngineError('settings-read-failed', `cannot read ${path}`, { source: 'system', cause });
    }
  };
  const files = paths.map(read);
  // Policy documents are settings too: the ones settings.yaml names, read the same way.
  for (const path of namedPolicyFiles(files.find((f) => f.path === SETTINGS_FILE)?.bytes))
    if (await exists(join(dir, path))) files.push(read(join(dir, path)));
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
