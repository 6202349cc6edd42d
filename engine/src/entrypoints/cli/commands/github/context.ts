import { resolve } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { readInputFile } from '../../../../adapters/fs/read-file.js';
import { buildOctokit } from '../../../../adapters/github/client.js';
import { OctokitRepo } from '../../../../adapters/github/repo.js';
import { validateAgainst } from '../../../../config/schema-validator.js';
import { EngineError } from '../../../../domain/errors.js';
import type { ApplyResult, Plan } from '../../../../domain/generated/types.js';
import type { GithubRepo } from '../../../../ports/github.js';
import type { CliIo } from '../../io.js';

/** What a `spa github` step knows of its run, from the standard Actions environment. */
export interface ActionsRun {
  repo: GithubRepo;
  /** The event of the run (@actions/github reads GITHUB_EVENT_PATH, GITHUB_SHA... when loaded). */
  context: typeof context;
  /** The login of the workflow's identity: the author of the comments it trusts. */
  botLogin: string;
  runUrl: string | undefined;
  log(text: string): void;
}

export function actionsRun(io: CliIo): ActionsRun {
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
  const log = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
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
    context,
    botLogin: env.SPA_GITHUB_BOT_LOGIN ?? 'github-actions[bot]',
    runUrl: env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    log,
  };
}

/** A JSON file written by an earlier step: a regular file of bounded size (adapters/fs/read-file.ts). */
function readJson(path: string, io: CliIo, what: string): unknown {
  const text = readInputFile(resolve(io.cwd, path), {
    what,
    hint: `pass the file the earlier step wrote (${what === 'the plan' ? 'spa plan --out' : 'spa apply --format json'})`,
  });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new EngineError('bad-input-file', `${what} ${path} is not JSON`, { source: 'user', cause });
  }
}

/** A plan file, checked against its schema. */
export function readPlanFile(path: string, io: CliIo): Plan {
  const value = readJson(path, io, 'the plan');
  const problems = validateAgainst('plan.schema.json', { file: path, value, positions: new Map() });
  if (problems.length)
    throw new EngineError('invalid-plan', `${path} is not a plan: ${problems[0]!.summary}`, {
      source: 'user',
    });
  return value as Plan;
}

export function readApplyResult(path: string, io: CliIo): ApplyResult {
  const value = readJson(path, io, 'the apply result');
  const problems = validateAgainst('apply-result.schema.json', { file: path, value, positions: new Map() });
  if (problems.length)
    throw new EngineError('invalid-apply-result', `${path} is not an apply result: ${problems[0]!.summary}`, {
      source: 'user',
    });
  return value as ApplyResult;
}

/** Step outputs (GITHUB_OUTPUT) and the job summary (GITHUB_STEP_SUMMARY), through @actions/core. */
export async function writeOutputs(
  outputs: Record<string, string | number | boolean>,
  summary?: string,
): Promise<void> {
  for (const [key, value] of Object.entries(outputs)) core.setOutput(key, value);
  if (summary && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary, true).write();
}

export { core };
