import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { GithubServer } from '../support/github-server.js';
import { repoRoot } from './tree.js';
import { condition, interpolate, type ExprContext } from './workflow-expr.js';
import { evaluated, runComposite, runScript, type Ran, type Step } from './workflow-step.js';

/**
 * One job of a workflow of `.github/workflows`, run in a test as GitHub would run it: each step's `if:`, `env:`
 * and `with:` evaluated, local composite actions run step by step (so `args` is split on spaces by the action's
 * own script), `run:` steps in bash, step outputs passed on. The actions of other repositories are played:
 * checkouts (the test prepares the workspace, or `checkouts` copies the commit asked for), credentials (the
 * emulator's environment from then on), Node.js set-up (nothing to do), artifact upload (the files zipped into an
 * artifact of the run on the loopback server), and the engine's installation (the workspace links the built
 * engine). The run itself is listed on the loopback server, in progress and then completed with the job's
 * conclusion, as GitHub lists it. An action the runner does not know fails the run.
 */

interface Job {
  if?: string;
  steps: Step[];
}

export interface StepRecord {
  name: string;
  id: string | undefined;
  uses: string | undefined;
  outcome: 'success' | 'failure' | 'skipped';
  /** The `with:` of the step, evaluated. */
  with: Record<string, string>;
  /** The environment the step added, evaluated. */
  env: Record<string, string>;
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  summary: string;
}

export interface JobRun {
  steps: StepRecord[];
  step(id: string): StepRecord;
  /** The steps that ran spa through the local action, with their arguments. */
  spaCommands(): string[];
}

export interface JobOptions {
  workflow: string;
  job: string;
  /** The checkout(s) of the job, prepared by the test. */
  workspace: string;
  event: { name: string; sha: string; payload: Record<string, unknown> };
  server: GithubServer;
  /** What configure-aws-credentials puts in the environment of the steps after it. */
  awsEnv: Record<string, string>;
  runId?: number;
  /** Plays `actions/checkout` with a `ref` and a `path`: puts the settings of that commit at that path. */
  checkouts?: (ref: string, path: string) => void;
}

const PLAYED = [
  'actions/checkout@',
  'actions/setup-node@',
  'actions/upload-artifact@',
  'aws-actions/configure-aws-credentials@',
  './.github/actions/spa-setup',
];

function functions(workspace: string, failed: () => boolean): ExprContext['functions'] {
  return {
    success: () => !failed(),
    failure: () => failed(),
    cancelled: () => false,
    always: () => true,
    hashFiles: (...patterns: unknown[]) => {
      const files = patterns.map((p) => join(workspace, String(p))).filter((f) => existsSync(f));
      if (patterns.some((p) => String(p).includes('*'))) throw new Error('hashFiles: globs are not played');
      return files.length
        ? createHash('sha256')
            .update(files.map((f) => readFileSync(f)).join(''))
            .digest('hex')
        : '';
    },
  };
}

/** The files of a path of the workspace (a file, or a folder's files at any depth), relative to the workspace. */
function filesOf(workspace: string, path: string): Record<string, Uint8Array> {
  const full = join(workspace, path);
  if (!existsSync(full)) return {};
  if (!statSync(full).isDirectory()) return { [relative(workspace, full)]: readFileSync(full) };
  return Object.assign({}, ...readdirSync(full).map((f) => filesOf(workspace, join(path, f)))) as Record<
    string,
    Uint8Array
  >;
}

/** upload-artifact: the files of its `path` lines, zipped into an artifact of the run; none, no artifact. */
function upload(withs: Record<string, string>, o: JobOptions): void {
  const paths = (withs.path ?? '')
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const files = Object.assign({}, ...paths.map((p) => filesOf(o.workspace, p))) as Record<string, Uint8Array>;
  if (Object.keys(files).length > 0) o.server.addArtifact(o.runId ?? 1, withs.name!, files);
}

/** A played action: nothing to run, but what it stands for must hold. */
function play(step: Step, withs: Record<string, string>, o: JobOptions, env: Record<string, string>): void {
  if (step.uses!.startsWith('aws-actions/configure-aws-credentials@')) Object.assign(env, o.awsEnv);
  if (step.uses!.startsWith('actions/upload-artifact@')) upload(withs, o);
  if (step.uses!.startsWith('actions/checkout@') && withs.ref && withs.path)
    o.checkouts?.(withs.ref, withs.path);
  if (step.uses === './.github/actions/spa-setup') {
    const engine = join(o.workspace, withs.path ?? '.', 'engine/bin/spa.js');
    if (!existsSync(engine)) throw new Error(`spa-setup: no engine at ${engine} in the test's workspace`);
  }
}

type StepsContext = Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;

/** The default environment of every step of the job, as the runner sets it. */
function jobEnv(o: JobOptions, eventPath: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_REPOSITORY: o.server.repository,
    GITHUB_API_URL: o.server.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: o.event.sha,
    GITHUB_RUN_ID: String(o.runId ?? 1),
    // The tests do not wait between writes to the loopback server.
    SPA_GITHUB_WRITE_INTERVAL_MS: '0',
  };
}

function contexts(o: JobOptions, steps: StepsContext): Record<string, unknown> {
  return {
    github: {
      event_name: o.event.name,
      event: o.event.payload,
      sha: o.event.sha,
      token: 'bot-token',
      repository: o.server.repository,
      run_id: String(o.runId ?? 1),
    },
    inputs: o.event.name === 'workflow_dispatch' ? (o.event.payload.inputs ?? {}) : {},
    secrets: {},
    vars: {},
    env: {},
    steps,
  };
}

export async function runJob(o: JobOptions): Promise<JobRun> {
  const workflow = parse(readFileSync(join(repoRoot, '.github/workflows', o.workflow), 'utf8')) as {
    jobs: Record<string, Job>;
  };
  const job = workflow.jobs[o.job];
  if (!job) throw new Error(`${o.workflow} has no job ${o.job}`);
  const scratch = mkdtempSync(join(tmpdir(), 'spa-job-'));
  const eventPath = join(scratch, 'event.json');
  writeFileSync(eventPath, JSON.stringify(o.event.payload));
  const env = jobEnv(o, eventPath);
  const steps: StepsContext = {};
  const records: StepRecord[] = [];
  let failed = false;
  const run = o.server.addWorkflowRun({
    id: o.runId ?? 1,
    workflow: o.workflow,
    status: 'in_progress',
    conclusion: null,
    headSha: o.event.sha,
    headBranch: o.event.name === 'pull_request' ? 'feature' : 'main',
    event: o.event.name,
  });
  const ctx = (): ExprContext => ({
    contexts: contexts(o, steps),
    functions: functions(o.workspace, () => failed),
  });
  try {
    const runs = condition(job.if, ctx());
    for (const [i, step] of job.steps.entries()) {
      const record = await runStep(step, i, runs && condition(step.if, ctx()), ctx(), o, env, scratch);
      records.push(record);
      const tolerated = record.outcome === 'failure' && step['continue-on-error'] === true;
      if (record.outcome === 'failure' && !tolerated) failed = true;
      const conclusion = tolerated ? 'success' : record.outcome;
      if (step.id) steps[step.id] = { outputs: record.outputs, outcome: record.outcome, conclusion };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    Object.assign(run, { status: 'completed', conclusion: failed ? 'failure' : 'success' });
  }
  return {
    steps: records,
    step: (id) => records.find((r) => r.id === id) ?? assertNever(`no step ${id} in ${o.workflow}`),
    spaCommands: () =>
      records
        .filter((r) => r.uses === './.github/actions/spa' && r.outcome !== 'skipped')
        .map((r) => r.with.args!),
  };
}

function assertNever(message: string): never {
  throw new Error(message);
}

async function runStep(
  step: Step,
  index: number,
  runs: boolean,
  ctx: ExprContext,
  o: JobOptions,
  env: Record<string, string>,
  scratch: string,
): Promise<StepRecord> {
  const name = step.name ?? step.uses ?? `step ${index + 1}`;
  const base = { name, id: step.id, uses: step.uses, outputs: {}, stdout: '', stderr: '', summary: '' };
  if (!runs) return { ...base, outcome: 'skipped', with: {}, env: {} };
  const withs = evaluated(step.with, ctx);
  const stepEnv = evaluated(step.env, ctx);
  const summaryFile = join(scratch, `summary-${index}`);
  writeFileSync(summaryFile, '');
  const full = { ...env, ...stepEnv, GITHUB_STEP_SUMMARY: summaryFile };
  let ran: Ran;
  if (step.uses && PLAYED.some((p) => step.uses!.startsWith(p))) {
    play(step, withs, o, env);
    ran = { code: 0, stdout: '', stderr: '', outputs: {} };
  } else if (step.uses?.startsWith('./')) {
    ran = await runComposite(join(repoRoot, step.uses), step, ctx, {
      cwd: o.workspace,
      env: full,
      scratch: join(scratch, `output-${index}`),
    });
  } else if (step.run !== undefined) {
    ran = await runScript(interpolate(step.run, ctx), {
      cwd: o.workspace,
      env: full,
      outputFile: join(scratch, `output-${index}`),
    });
  } else throw new Error(`the test runner does not play ${step.uses}`);
  return {
    ...base,
    outcome: ran.code === 0 ? 'success' : 'failure',
    with: withs,
    env: stepEnv,
    outputs: ran.outputs,
    stdout: ran.stdout,
    stderr: ran.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
  };
}
