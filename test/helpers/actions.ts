import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../engine/src/plan/types.js';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { startGithubServer, type GithubServer } from '../support/github-server.js';
import { repoRoot } from './tree.js';

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What the step wrote to GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter ... delimiter) that @actions/core writes. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
      out[m[1]!] = value.join('\n');
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=');
      out[k!] = v.join('=');
    }
  }
  return out;
}

/** A workflow step: `spa github ...` in a child process, with the standard Actions environment. */
export class ActionsRunner {
  readonly dir = mkdtempSync(join(tmpdir(), 'spa-actions-'));
  private run = 0;

  constructor(private readonly server: GithubServer) {}

  writePlan(name: string, plan: Plan): string {
    const path = join(this.dir, name);
    writeFileSync(path, JSON.stringify(plan));
    return path;
  }

  writeJson(name: string, value: unknown): string {
    const path = join(this.dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  }

  async step(
    args: string[],
    event: { name: string; payload: object; sha: string; token?: string },
  ): Promise<StepResult> {
    this.run++;
    const eventPath = join(this.dir, `event-${this.run}.json`);
    const output = join(this.dir, `output-${this.run}`);
    const summary = join(this.dir, `summary-${this.run}`);
    writeFileSync(eventPath, JSON.stringify(event.payload));
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: this.server.repository,
      GITHUB_API_URL: this.server.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_TOKEN: event.token ?? 'bot-token',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: event.sha,
      GITHUB_RUN_ID: String(1000 + this.run),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      SPA_GITHUB_WRITE_INTERVAL_MS: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const child = spawn(process.execPath, [join(repoRoot, 'engine/bin/spa.js'), 'github', ...args], {
      cwd: this.dir,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(output, 'utf8')),
      summary: readFileSync(summary, 'utf8'),
    };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const pullRequestEvent = (number: number, headSha: string, headRepo: string) => ({
  name: 'pull_request',
  sha: `merge-${headSha}`,
  payload: {
    action: 'synchronize',
    number,
    pull_request: { number, head: { sha: headSha, repo: { full_name: headRepo } } },
  },
});

export const pushEvent = (sha: string, commits: string[]) => ({
  name: 'push',
  sha,
  payload: {
    ref: 'refs/heads/main',
    after: sha,
    commits: commits.map((id) => ({ id })),
    repository: { default_branch: 'main' },
  },
});

/**
 * A GitHub server and a runner of workflow steps for one test file; after each test, every request and
 * response must have matched GitHub's OpenAPI description.
 */
export function githubFixture(): { readonly server: GithubServer; readonly runner: ActionsRunner } {
  // Each test runs `spa github` as a few child processes, each loading the engine: on a machine busy with other
  // work that takes seconds per process, so these files get more room than the default 30 s per test.
  vi.setConfig({ testTimeout: 120_000 });
  let server: GithubServer | undefined;
  let runner: ActionsRunner | undefined;
  beforeAll(async () => {
    server = await startGithubServer();
    runner = new ActionsRunner(server);
  });
  afterAll(async () => {
    runner?.cleanup();
    await server?.close();
  });
  afterEach(() => {
    expect(server!.violations, "every request and response matches GitHub's OpenAPI description").toEqual([]);
  });
  return {
    get server() {
      return server!;
    },
    get runner() {
      return runner!;
    },
  };
}
