import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tree.js';
import type { ActionYml, Step } from '../helpers/workflow-step.js';

/** What code runs where, read from the workflows and the local actions they use. */

interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const jobsOf = (file: string) =>
  (parse(readFileSync(join(dir, file), 'utf8')) as { jobs: Record<string, Job> }).jobs;
const localAction = (uses: string) =>
  parse(readFileSync(join(repoRoot, uses, 'action.yml'), 'utf8')) as ActionYml;

/** The steps of a job as the runner runs them: a local composite action is its own steps, in order. */
function flatten(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => (s.uses?.startsWith('./') ? flatten(localAction(s.uses).runs.steps) : [s]));
}

const INSTALLS = /\b(npm (ci|install|i|rebuild)|yarn|pnpm|npx)\b/;
const isCredentials = (s: Step) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') === true;
const jobs = files.flatMap((file) =>
  Object.entries(jobsOf(file)).map(([name, job]) => ({ file, name, job })),
);

describe('installing the engine', () => {
  it.each(jobs.map((j) => [`${j.file} ${j.name}`, j] as const))(
    '%s: every step that installs packages runs before the AWS credentials',
    (_label, { job }) => {
      const steps = flatten(job.steps);
      const credentials = steps.findIndex(isCredentials);
      const installs = steps.flatMap((s, i) => (INSTALLS.test(s.run ?? '') ? [i] : []));
      if (credentials >= 0) for (const i of installs) expect(i, steps[i]!.run).toBeLessThan(credentials);
    },
  );

  it('runs no install script in a job that can get AWS credentials', () => {
    for (const { file, name, job } of jobs.filter((j) => j.job.permissions?.['id-token'] === 'write')) {
      const installs = flatten(job.steps).filter((s) => INSTALLS.test(s.run ?? ''));
      expect(installs.length, `${file} ${name} installs the engine`).toBeGreaterThan(0);
      for (const s of installs)
        for (const line of s.run!.split('\n').filter((l) => /\bnpm (ci|install|i)\b/.test(l)))
          expect(line, `${file} ${name}`).toContain('--ignore-scripts');
    }
  });

  it('leaves installing to spa-setup: the spa action, used after the credentials, installs nothing', () => {
    const spa = localAction('.github/actions/spa');
    for (const s of spa.runs.steps) {
      expect(s.uses).toBeUndefined();
      expect(s.run ?? '').not.toMatch(INSTALLS);
    }
  });
});

describe('the engine of the plan job', () => {
  const plan = jobsOf('plan.yml').plan!;
  const spaSteps = plan.steps.filter((s) => s.uses === './.github/actions/spa');

  it('is the base branch, checked out apart and built before the credentials', () => {
    const checkout = plan.steps.find((s) => s.with?.path === 'engine-base');
    expect(checkout?.uses).toMatch(/^actions\/checkout@/);
    expect(checkout?.with).toMatchObject({
      ref: '${{ github.event.pull_request.base.sha }}',
      'persist-credentials': false,
    });
    const setup = plan.steps.findIndex((s) => s.uses === './.github/actions/spa-setup');
    expect(plan.steps[setup]!.with).toEqual({ path: 'engine-base' });
    expect(setup).toBeGreaterThan(plan.steps.indexOf(checkout!));
    expect(setup).toBeLessThan(plan.steps.findIndex(isCredentials));
  });

  it('runs every spa step of a job holding a write token or AWS credentials', () => {
    expect(plan.permissions).toMatchObject({ 'pull-requests': 'write', 'id-token': 'write' });
    expect(spaSteps.length).toBeGreaterThanOrEqual(3);
    for (const s of spaSteps) expect(s.with?.engine, s.name).toBe('engine-base');
  });

  it('plans the head checkout with it, and the comment comes from it', () => {
    const head = plan.steps.find(
      (s) => s.uses?.startsWith('actions/checkout@') && s.with?.path === undefined,
    );
    expect(head?.with?.ref).toBe('${{ github.event.pull_request.head.sha }}');
    const headPlan = spaSteps.find((s) => String(s.with?.args).includes('--out head.json'));
    expect(headPlan?.with?.args).toMatch(/^plan --dir \. /);
    expect(spaSteps.find((s) => String(s.with?.args).startsWith('github comment-plan'))?.with?.engine).toBe(
      'engine-base',
    );
  });
});
