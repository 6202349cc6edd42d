import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { EndpointDefaults } from '@octokit/types';
import Bottleneck from 'bottleneck';
import { EngineError } from '../../domain/errors.js';

/** The client of the GitHub flows: Octokit with its REST methods and pagination. */
export type GithubClient = ReturnType<typeof getOctokit>;

export interface GithubAccess {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, a GitHub Enterprise Server, or a test server. */
  apiUrl: string;
  /**
   * Spacing of writes. GitHub asks for about one write per second, and more room between requests that notify
   * people (new issues and comments): the throttling plugin spaces them 1 s and 3 s apart. When set, both
   * spacings become this value (the tests shorten them).
   */
  writeIntervalMs?: number;
  /** Base of the retry delay after a rate limit answer, in ms (GitHub's Retry-After is in seconds). */
  retryAfterBaseMs?: number;
}

/**
 * The Actions toolkit's Octokit (`@actions/github`: GitHub Enterprise Server URLs and the runner's proxy
 * settings) with the throttling and retry plugins, logging to stderr.
 */
export function buildOctokit(access: GithubAccess, log: (text: string) => void): GithubClient {
  if (!access.token) {
    throw new EngineError('github-token-missing', 'GITHUB_TOKEN is not set', {
      source: 'user',
      hint: 'in a workflow, pass env GITHUB_TOKEN: ${{ github.token }} to the step',
    });
  }
  const options = {
    baseUrl: access.apiUrl.replace(/\/$/, ''),
    userAgent: 'sustainable-personal-accounts',
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    throttle: {
      ...(access.writeIntervalMs !== undefined
        ? {
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: access.writeIntervalMs }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: access.writeIntervalMs }),
          }
        : {}),
      ...(access.retryAfterBaseMs !== undefined ? { retryAfterBaseValue: access.retryAfterBaseMs } : {}),
      onRateLimit: retryTwice('rate limit reached', log),
      onSecondaryRateLimit: retryTwice('secondary rate limit', log),
    },
  };
  return getOctokit(access.token, options, throttling, retry);
}

/** What the throttling plugin does on a rate limit answer: say so, and retry twice. */
function retryTwice(limit: string, log: (text: string) => void) {
  return (retryAfter: number, options: Required<EndpointDefaults>, _: unknown, retryCount: number) => {
    log(`GitHub ${limit} on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
    return retryCount < 2;
  };
}
