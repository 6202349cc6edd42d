import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../../engine/src/domain/generated/types.js';
import { driftIssue } from '../../../engine/src/app/github/drift-issue.js';
import { pullNumbers, reportApply } from '../../../engine/src/app/github/report-apply.js';
import { githubDeps, MemoryRepo } from '../../helpers/memory-github.js';
import { emptyPlan, syntheticPlan } from '../../helpers/plans.js';

const push = { name: 'push', sha: 'm40', payload: {} };
const schedule = { name: 'schedule', sha: 'main-1', payload: {} };

const result = (outcome: ApplyResult['outcome'], failed: number): ApplyResult => ({
  version: 1,
  kind: 'spa-apply-result',
  planDigest: `sha256:${'a'.repeat(64)}`,
  startedAt: '2026-11-27T12:00:00.000Z',
  finishedAt: '2026-11-27T12:00:05.000Z',
  outcome,
  results: [],
  summary: { applied: 1, alreadyApplied: 0, failed, skipped: 0 },
});

describe('reportApply', () => {
  it('comments on each merged pull request, opens the spa-apply issue on failure and closes it on success', async () => {
    const deps = githubDeps(push);
    const failed = await reportApply(result('partial', 1), deps, { prs: [40, 41] });
    expect(deps.repo.commentsOn(40)).toHaveLength(1);
    expect(deps.repo.commentsOn(41)).toHaveLength(1);
    expect(deps.repo.issues.get(failed.issue!)).toMatchObject({ state: 'open', title: 'SPA apply failed' });
    expect(deps.out.stepOutputs).toEqual({ issue: failed.issue });

    const done = await reportApply(result('applied', 0), deps, { prs: [] });
    expect(done.issue).toBe(failed.issue);
    expect(deps.repo.issues.get(failed.issue!)!.state).toBe('closed');
    expect(deps.repo.commentsOn(failed.issue!).at(-1)!.body).toContain('Applied at m40');
    expect(deps.out.infos.at(-1)).toBe(`apply reported on no pull request; issue #${failed.issue}`);
  });

  it('reads the pull requests of the apply gate output, dropping anything that is not one', () => {
    expect(pullNumbers('12, 13,,x,0,-1,2.5')).toEqual([12, 13]);
    expect(pullNumbers(undefined)).toEqual([]);
  });
});

describe('driftIssue', () => {
  it('skips while an apply runs, leaving the drift issue alone, and says so', async () => {
    const repo = new MemoryRepo();
    repo.runs.push({
      workflow: 'apply.yml',
      id: 5,
      status: 'in_progress',
      updatedAt: '2026-11-27T10:00:00Z',
      url: 'u',
    });
    const deps = githubDeps(schedule, repo);
    const r = await driftIssue(syntheticPlan(1), deps, { applyWorkflow: 'apply.yml' });
    expect(r).toEqual({ outcome: 'skipped', issue: undefined });
    expect(repo.writes).toEqual([]);
    expect(deps.out.stepOutputs).toMatchObject({ skipped: true, drift: '' });
    expect(deps.out.summaries[0]).toContain('### Drift check skipped');
  });

  it('refuses a --since that is not a date and time', async () => {
    const deps = githubDeps(schedule);
    await expect(
      driftIssue(syntheticPlan(1), deps, { applyWorkflow: 'apply.yml', since: 'yesterday' }),
    ).rejects.toThrow('--since yesterday is not a date and time');
  });

  it('opens the drift issue while AWS differs, leaves it alone when the plan is the same, closes it when AWS matches', async () => {
    const deps = githubDeps(schedule);
    const opened = await driftIssue(syntheticPlan(2), deps, { applyWorkflow: 'apply.yml' });
    expect(opened.outcome).toBe('drift');
    expect(deps.repo.labels.has('drift')).toBe(true);
    await driftIssue(syntheticPlan(2), deps, { applyWorkflow: 'apply.yml' });
    expect(deps.repo.writes).toEqual([`create issue #${opened.issue}`]);

    const closed = await driftIssue(emptyPlan(), deps, { applyWorkflow: 'apply.yml' });
    expect(closed).toEqual({ outcome: 'no-drift', issue: opened.issue });
    expect(deps.repo.issues.get(opened.issue!)!.state).toBe('closed');
    expect(deps.out.stepOutputs).toMatchObject({ skipped: false, drift: false, issue: opened.issue });
  });
});
