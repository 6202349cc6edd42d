import type { SettingsSource } from '../../ports/settings-source.js';
import { currentCommit } from './git.js';
import { readSettingsTree } from './settings-reader.js';

/**
 * The settings of a directory (`--dir`): its files as readSettingsTree reads them, and the commit they are at
 * (SPA_GIT_COMMIT or GITHUB_SHA of `env`, else `git rev-parse HEAD`).
 */
export function directorySettings(dir: string, env: Record<string, string | undefined>): SettingsSource {
  return { files: () => readSettingsTree(dir), commit: () => currentCommit(dir, env) };
}
