import { execFileSync } from 'node:child_process';

/** The commit the settings are read at: GITHUB_SHA in Actions, else `git rev-parse HEAD`, else unknown. */
export function currentCommit(dir: string, env: Record<string, string | undefined>): string | null {
  if (env.SPA_GIT_COMMIT) return env.SPA_GIT_COMMIT;
  if (env.GITHUB_SHA) return env.GITHUB_SHA;
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'ignore'],
        encoding: 'utf8',
      }).trim() || null
    );
  } catch {
    return null;
  }
}
