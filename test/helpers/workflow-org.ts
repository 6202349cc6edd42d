import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { connectRuntime, type RuntimeAccess } from '../../engine/src/adapters/aws/runtime-access.js';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import type { GithubServer } from '../support/github-server.js';
import { SPA_TEST_MARK } from './observed.js';
import { workspace, type Emulator, type Workspace } from './org.js';
import { newAutomationAccountId, runtimeTree } from './runtime.js';
import { repoRoot } from './tree.js';
import { runJob, type JobOptions, type JobRun } from './workflow-job.js';

/**
 * A settings repository checked out as a workflow job has it, wired to an organization in the emulator: three
 * accounts below the managed OU Sandbox, already as the settings want them, and a runtime that the apply job
 * publishes to. The engine is the one this suite built, linked where the job's steps look for it.
 */
export interface Checkout {
  ws: Workspace;
  /** The automation account of the settings, its runtime bucket and Scheduler group created as the CDK app would. */
  runtime: RuntimeAccess;
  bucket: string;
  /** Rewrites the OU file of Sandbox (the pull request's change). */
  setSandbox(ou: Record<string, unknown>): void;
  /** Copies the current settings to base/, as the plan job checks out the base branch. */
  snapshotBase(): void;
  /** Keeps the current settings as the commit `sha`, which a job's checkout of that ref then gets. */
  commit(sha: string): void;
  run(o: Omit<JobOptions, 'workspace' | 'server' | 'awsEnv'>): Promise<JobRun>;
  cleanup(): void;
}

const ACCOUNTS = ['ana', 'ben', 'cyd'].map((name) => ({
  name,
  email: `${name}@example.com`,
  ou: 'Sandbox',
  tags: {
    'account-state': 'released',
    'account-holder': `${name}@example.com`,
    ...SPA_TEST_MARK,
  },
}));

const SCHEMA = '# yaml-language-server: $schema=../schemas/organizational-unit.schema.json\n';

export async function checkout(emulator: Emulator, server: GithubServer): Promise<Checkout> {
  const automation = newAutomationAccountId();
  const ws = await workspace(
    emulator,
    { ous: ['Sandbox'], ouTags: { Sandbox: SPA_TEST_MARK }, accounts: ACCOUNTS },
    runtimeTree({ ous: { Sandbox: { managed: true } } }, automation),
  );
  const bucket = `spa-runtime-${automation}`;
  const runtime = await connectRuntime(
    { region: 'eu-west-1', endpoint: emulator.gateway.endpoint, credentials: ws.aws.credentials },
    { runtime: { account: automation, region: 'eu-west-1', bucket } } as Parameters<typeof connectRuntime>[1],
    'SpaTest',
  );
  await runtime.clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await runtime.clients.scheduler.send(
    new CreateScheduleGroupCommand({ Name: runtimeNames('SpaTest').scheduleGroup }),
  );
  symlinkSync(join(repoRoot, 'engine'), join(ws.dir, 'engine'));
  mkdirSync(join(ws.dir, 'engine-base'));
  symlinkSync(join(repoRoot, 'engine'), join(ws.dir, 'engine-base/engine'));
  // configure-aws-credentials gives the emulator's credentials; the commit comes from the job, not the test.
  const { SPA_GIT_COMMIT: _commit, ...awsEnv } = ws.env;
  let runs = 0;
  const commits = mkdtempSync(join(tmpdir(), 'spa-commits-'));
  const copySettings = (from: string, to: string) => {
    rmSync(to, { recursive: true, force: true });
    for (const part of ['settings.yaml', 'organizational-units', 'accounts', 'tags-csv'])
      if (existsSync(join(from, part)))
        cpSync(join(from, part), join(to, part), { recursive: true, force: true });
  };
  return {
    ws,
    runtime,
    bucket,
    setSandbox: (ou) => ws.write('organizational-units/Sandbox.yaml', SCHEMA + stringify(ou)),
    snapshotBase: () => copySettings(ws.dir, join(ws.dir, 'base')),
    commit: (sha) => copySettings(ws.dir, join(commits, sha)),
    run: (o) =>
      runJob({
        ...o,
        workspace: ws.dir,
        server,
        awsEnv,
        runId: 500 + ++runs,
        checkouts: (ref, path) => {
          if (existsSync(join(commits, ref))) copySettings(join(commits, ref), join(ws.dir, path));
        },
      }),
    cleanup: () => {
      rmSync(commits, { recursive: true, force: true });
      ws.cleanup();
    },
  };
}

export const pushOf = (sha: string) => ({
  name: 'push',
  sha,
  payload: {
    ref: 'refs/heads/main',
    after: sha,
    commits: [{ id: sha }],
    repository: { default_branch: 'main' },
  },
});

export const dispatchOf = (sha: string, confirm: string) => ({
  name: 'workflow_dispatch',
  sha,
  payload: { inputs: { confirm }, ref: 'refs/heads/main', repository: { default_branch: 'main' } },
});

export const pullRequestOf = (number: number, head: string, base: string, repository: string) => ({
  name: 'pull_request',
  sha: `merge-of-${head}`,
  payload: {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { sha: head, repo: { full_name: repository } },
      base: { sha: base, ref: 'main', repo: { full_name: repository } },
    },
    repository: { full_name: repository, default_branch: 'main' },
  },
});
