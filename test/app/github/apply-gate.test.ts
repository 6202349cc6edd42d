import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../engine/src/plan/types.js';
import { applyGate } from '../../../engine/src/app/github/apply-gate.js';
import { commentPlan } from '../../../engine/src/app/github/comment-plan.js';
import { githubDeps, MemoryRepo } from '../../helpers/memory-github.js';
import { emptyPlan, smallPlan } from '../../helpers/plans.js';

/** Pull request 20, its plan commented at its head commit, then merged by the commit merge-1. */
async function reviewedAndMerged(plan: Plan, labels: string[] = []): Promise<MemoryRepo> {
  const repo = new MemoryRepo();
  const pr = { number: 20, head: { sha: 'head-20', repo: { full_name: repo.repository } } };
  await commentPlan(
    plan,
    undefined,
    githubDeps({ name: 'pull_request', sha: 'x', payload: { pull_request: pr } }, repo),
  );
  repo.pulls.set('merge-1', [
    {
      number: 20,
      headSha: 'head-20',
      headRepo: repo.repository,
      baseRef: 'main',
      mergedAt: '2026-11-27T12:00:00Z',
      labels,
    },
  ]);
  return repo;
}

const push = {
  name: 'push',
  sha: 'merge-1',
  payload: { commits: [{ id: 'merge-1' }], repository: { default_branch: 'main' } },
};

describe('applyGate', () => {
  it('opens when the pull request the push merged approved this very plan', async () => {
    const plan = smallPlan(2, 'team-a');
    const deps = githubDeps(push, await reviewedAndMerged(plan));
    const before = deps.repo.writes.length;
    const r = await applyGate(plan, deps);
    expect(r.outcome).toBe('open');
    expect(deps.out.stepOutputs).toEqual({
      apply: true,
      'allow-large': false,
      reason: 'approved',
      digest: plan.digest,
      prs: '20',
    });
    expect(deps.out.summaries[0]).toContain('### Apply gate: open');
    expect(deps.repo.writes.length).toBe(before);
  });

  it('has nothing to do, and writes nothing, when AWS already matches the branch', async () => {
    const deps = githubDeps(push, await reviewedAndMerged(smallPlan(2)));
    const before = deps.repo.writes.length;
    const r = await applyGate(emptyPlan(), deps);
    expect(r.outcome).toBe('nothing-to-do');
    expect(deps.out.stepOutputs).toMatchObject({ apply: false, reason: 'no-changes' });
    expect(deps.repo.writes.length).toBe(before);
  });

  it('refuses a plan that differs from the approved one, and says why on the pull request and in the spa-apply issue', async () => {
    const deps = githubDeps(push, await reviewedAndMerged(smallPlan(2, 'team-a')));
    const current = smallPlan(2, 'changed-meanwhile');
    const r = await applyGate(current, deps);
    expect(r.outcome).toBe('refused');
    expect(r.decision.reason).toBe('digest-mismatch');
    expect(deps.out.annotations).toEqual([
      expect.objectContaining({ level: 'error', at: { title: 'SPA apply refused' } }),
    ]);
    expect(deps.repo.commentsOn(20).at(-1)!.body).toContain(`confirm = ${current.digest}`);
    const issues = [...deps.repo.issues.values()];
    expect(issues).toEqual([expect.objectContaining({ labels: ['spa-apply'], state: 'open' })]);
    expect(deps.out.infos.at(-1)).toBe(`apply issue #${issues[0]!.number} opened`);
  });

  it('tells a maintainer that a manual run plans main in full when the refused plan was targeted', async () => {
    const deps = githubDeps(push, await reviewedAndMerged(smallPlan(2, 'team-a')));
    const full = smallPlan(2, 'changed-meanwhile');
    const targeted = { ...full, scope: { ...full.scope, kind: 'targeted' as const } };
    const r = await applyGate(targeted, deps);
    expect(r.outcome).toBe('refused');
    const said = deps.repo.commentsOn(20).at(-1)!.body;
    expect(said).toContain('without confirm: it plans main in full, drift included');
    expect(said).not.toContain(`with confirm = ${full.digest}`);
  });

  it("takes a maintainer's confirmation from the input of a manual run", async () => {
    const plan = smallPlan(2);
    const dispatch = {
      name: 'workflow_dispatch',
      sha: 'main-1',
      payload: { inputs: { confirm: plan.digest } },
    };
    const deps = githubDeps(dispatch);
    const r = await applyGate(plan, deps);
    expect(r.outcome).toBe('open');
    expect(r.decision.reason).toBe('confirmed');
    expect(deps.repo.writes).toEqual([]);
  });
});
