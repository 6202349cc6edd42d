import { describe, expect, it } from 'vitest';
import { githubFixture } from '../helpers/actions.js';
import { syntheticPlan } from '../helpers/plans.js';

const gh = githubFixture();

const schedule = { name: 'schedule', sha: 'main-sha', payload: {} };
const driftIssues = () => [...gh.server.issues.values()].filter((i) => i.labels.includes('drift'));
const writes = () => gh.server.requests.filter((r) => !r.startsWith('GET '));
const runsOfApply = () => gh.server.requests.filter((r) => r.includes('/actions/workflows/apply.yml/runs'));

describe('the drift check while the apply workflow runs', () => {
  it('skips, leaving the drift issue alone, while an apply is in progress or queued', async () => {
    const plan = gh.runner.writePlan('drift-1.json', syntheticPlan(2));
    const running = gh.server.addWorkflowRun({
      workflow: 'apply.yml',
      status: 'in_progress',
      conclusion: null,
    });
    const before = writes().length;
    const r = await gh.runner.step(['drift-issue', '--plan', plan], schedule);
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ skipped: 'true', drift: '' });
    expect(r.summary).toContain('### Drift check skipped');
    expect(r.summary).toContain(`/actions/runs/${running.id}`);
    expect(r.stderr).toContain(
      `drift check skipped: the apply workflow ran while the plan read AWS (run ${running.id} in_progress)`,
    );
    expect(writes().length).toBe(before);
    expect(driftIssues()).toEqual([]);

    running.status = 'completed';
    running.conclusion = 'success';
    const next = gh.server.addWorkflowRun({ workflow: 'apply.yml', status: 'queued', conclusion: null });
    const queued = await gh.runner.step(['drift-issue', '--plan', plan], schedule);
    expect(queued.outputs.skipped).toBe('true');
    expect(driftIssues()).toEqual([]);
    Object.assign(next, { status: 'completed', conclusion: 'success', updatedAt: '2026-11-27T10:30:00Z' });
  });
});

describe('the drift check after the apply workflow ran', () => {
  it('skips when an apply ended after the plan began, and reports the drift when the last apply ended before', async () => {
    const plan = gh.runner.writePlan('drift-2.json', syntheticPlan(2));
    // Nothing in flight any more; the runs of the previous test ended by 10:30.
    const ended = gh.server.addWorkflowRun({
      workflow: 'apply.yml',
      status: 'completed',
      conclusion: 'success',
      createdAt: '2026-11-27T11:00:00Z',
      updatedAt: '2026-11-27T11:05:00Z',
    });
    const overlapping = await gh.runner.step(
      ['drift-issue', '--plan', plan, '--since', '2026-11-27T11:02:00Z'],
      schedule,
    );
    expect(overlapping.outputs.skipped, overlapping.stderr).toBe('true');
    expect(overlapping.stderr).toContain(`run ${ended.id} completed`);
    expect(driftIssues()).toEqual([]);

    const after = await gh.runner.step(
      ['drift-issue', '--plan', plan, '--since', '2026-11-27T11:06:00Z'],
      schedule,
    );
    expect(after.outputs).toMatchObject({ skipped: 'false', drift: 'true' });
    expect(driftIssues()).toHaveLength(1);
    expect(runsOfApply().every((r) => r.endsWith(' 200'))).toBe(true);
  });

  it('refuses a --since that is not a date and time', async () => {
    const r = await gh.runner.step(
      [
        'drift-issue',
        '--plan',
        gh.runner.writePlan('drift-3.json', syntheticPlan(1)),
        '--since',
        'yesterday',
      ],
      schedule,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--since yesterday is not a date and time');
  });
});
