import { actionsOutput } from '../../adapters/actions/output.js';
import { buildOctokit } from '../../adapters/github/client.js';
import { OctokitRepo } from '../../adapters/github/repo.js';
import { readWorkflowEvent } from '../../adapters/github/workflow-event.js';
import { EngineError } from '../../domain/errors.js';
import type { GithubDeps } from '../../usecases/github/deps.js';
import { outputOf, type CliIo } from './io.js';

/**
 * The adapters of a `spa github` step, from the standard Actions environment of `io.env`: the repository
 * (GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN) through Octokit, the event of the run (GITHUB_EVENT_NAME,
 * GITHUB_SHA, GITHUB_EVENT_PATH), and the Actions output: the log, annotations, step outputs, job summary.
 */
export function githubDeps(io: CliIo): GithubDeps {
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
      token: env.GITHUB_TOKEN ?? '',
      apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      ...(env.SPA_GITHUB_WRITE_INTERVAL_MS && Number.isFinite(writeInterval)
        ? { writeIntervalMs: writeInterval, retryAfterBaseMs: writeInterval }
        : {}),
    },
    log,
  );
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    repo: new OctokitRepo(octokit, repository),
    event: readWorkflowEvent(
      { name: env.GITHUB_EVENT_NAME, sha: env.GITHUB_SHA, path: env.GITHUB_EVENT_PATH },
      log,
    ),
    botLogin: env.SPA_GITHUB_BOT_LOGIN ?? 'github-actions[bot]',
    runUrl: env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    out,
  };
}
