import { actionsOutput } from '../../adapters/actions/output.js';
import { resolve } from 'node:path';
import { directorySettings } from '../../adapters/fs/settings-source.js';
import { installationAccess, parseAppCredentials } from '../../adapters/github/app-token.js';
import { buildOctokit, type GithubClient } from '../../adapters/github/client.js';
import { GitData } from '../../adapters/github/git-data.js';
import { OctokitRepo } from '../../adapters/github/repo.js';
import { readWorkflowEvent } from '../../adapters/github/workflow-event.js';
import { EngineError } from '../../domain/errors.js';
import type { GithubPorts } from '../../app/github/deps.js';
import type { RequestAccountPorts } from '../../app/github/request-account.js';
import { outputOf, type CliIo } from './io.js';

/**
 * The adapters of a `spa github` step, from the standard Actions environment of `io.env`: the repository
 * (GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN) through Octokit, the event of the run (GITHUB_EVENT_NAME,
 * GITHUB_SHA, GITHUB_EVENT_PATH), and the Actions output: the log, annotations, step outputs, job summary.
 */
export function githubDeps(io: CliIo): GithubPorts {
  return actionsStep(io, io.env.GITHUB_TOKEN ?? '', io.env.SPA_GITHUB_BOT_LOGIN ?? 'github-actions[bot]')
    .deps;
}

/**
 * The adapters of `spa github request-account`: those of every step, the pull requests and branches it writes,
 * and the settings of the checkout. With the secret SPA_GITHUB_APP (the JSON of a GitHub App installation, as the
 * runtime's secret holds it), it writes as the App: a pull request opened with the workflow's own token would
 * start no workflow, so its plan would wait for the next push.
 */
export async function requestDeps(io: CliIo, dir: string): Promise<RequestAccountPorts> {
  const app = io.env.SPA_GITHUB_APP;
  let token = io.env.GITHUB_TOKEN ?? '';
  let login = io.env.SPA_GITHUB_BOT_LOGIN ?? 'github-actions[bot]';
  if (app) {
    const access = await installationAccess(
      parseAppCredentials('SPA_GITHUB_APP', app),
      io.env.GITHUB_API_URL ?? 'https://api.github.com',
    );
    token = access.token;
    login = access.login;
  }
  const step = actionsStep(io, token, login);
  const repo = new OctokitRepo(step.octokit, step.deps.repo.repository);
  return {
    ...step.deps,
    repo,
    pulls: repo,
    branches: new GitData(step.octokit, repo.repository, (text) => step.deps.out.info(text)),
    settings: directorySettings(resolve(io.cwd, dir), io.env),
  };
}

function actionsStep(
  io: CliIo,
  token: string,
  botLogin: string,
): { deps: GithubPorts; octokit: GithubClient } {
  const env = io.env;
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !repository.includes('/')) {
    throw new EngineError(
      'not-in-actions',
      'GITHUB_REPOSITORY is not set: spa github runs inside a GitHub Actions workflow',
      {
        source: 'user',
        hint: 'run it from a workflow step (see .github/workflows), or set the GITHUB_* variables by hand',
      },
    );
  }
  const out = actionsOutput(outputOf(io), { stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  const log = (text: string) => out.info(text);
  const writeInterval = Number(env.SPA_GITHUB_WRITE_INTERVAL_MS);
  const octokit = buildOctokit(
    {
      token,
      apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      ...(env.SPA_GITHUB_WRITE_INTERVAL_MS && Number.isFinite(writeInterval)
        ? { writeIntervalMs: writeInterval, retryAfterBaseMs: writeInterval }
        : {}),
    },
    log,
  );
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    octokit,
    deps: {
      repo: new OctokitRepo(octokit, repository),
      event: readWorkflowEvent(
        { name: env.GITHUB_EVENT_NAME, sha: env.GITHUB_SHA, path: env.GITHUB_EVENT_PATH },
        log,
      ),
      botLogin,
      runUrl: env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
      out,
    },
  };
}
