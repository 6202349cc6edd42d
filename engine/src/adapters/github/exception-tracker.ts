import type { ExceptionTracker } from '../../ports/exceptions.js';
import { installationAccess, parseAppCredentials } from './app-token.js';
import { buildOctokit } from './client.js';
import { OctokitRepo } from './repo.js';

export interface TrackerInput {
  /** owner/name (settings.yaml github.repository). */
  repository: string | undefined;
  /** The secret of the GitHub App (settings.yaml github.appSecret, else `<environment>/github-app`). */
  appSecret: string;
  apiUrl: string;
  secret(name: string): Promise<string>;
  now: () => Date;
  log: (text: string) => void;
  /** Spacing of writes (GitHub asks for one writer, about a second apart); the tests shorten it. */
  writeIntervalMs?: number;
}

/** Renewed this long before the installation token expires (GitHub gives an hour). */
const RENEW_BEFORE_MS = 10 * 60_000;

/**
 * The repository as the GitHub App's installation sees it: octokit with the throttling and retry plugins, one
 * write at a time. The token is kept and renewed before it expires.
 */
export function appTracker(input: TrackerInput): () => Promise<ExceptionTracker | undefined> {
  let kept: { tracker: ExceptionTracker; until: number } | undefined;
  return async () => {
    const now = input.now().getTime();
    if (kept && now < kept.until) return kept.tracker;
    if (!input.repository) return undefined;
    const credentials = parseAppCredentials(input.appSecret, await input.secret(input.appSecret));
    const access = await installationAccess(credentials, input.apiUrl);
    const octokit = buildOctokit(
      {
        token: access.token,
        apiUrl: input.apiUrl,
        ...(input.writeIntervalMs !== undefined ? { writeIntervalMs: input.writeIntervalMs } : {}),
      },
      input.log,
    );
    const web = webUrl(input.apiUrl);
    const repository = input.repository;
    const tracker: ExceptionTracker = {
      repo: new OctokitRepo(octokit, repository),
      login: access.login,
      issueUrl: (n) => `${web}/${repository}/issues/${n}`,
    };
    const expires = Date.parse(access.expiresAt);
    kept = { tracker, until: (Number.isNaN(expires) ? now + 3600_000 : expires) - RENEW_BEFORE_MS };
    return tracker;
  };
}

/** Where people read the issues: github.com for its API, the server itself for GitHub Enterprise Server. */
export function webUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/$/, '');
  if (base === 'https://api.github.com') return 'https://github.com';
  return base.replace(/\/api\/v3$/, '');
}
