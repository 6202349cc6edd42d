import { describe, expect, it } from 'vitest';
import { parseMarker } from '../../../engine/src/gitops/markers.js';
import { commentPlan } from '../../../engine/src/app/github/comment-plan.js';
import { githubDeps } from '../../helpers/memory-github.js';
import { syntheticPlan } from '../../helpers/plans.js';

const pullRequest = (number: number, sha: string, headRepo = 'acme/settings') => ({
  name: 'pull_request',
  sha: `merge-${sha}`,
  payload: { number, pull_request: { number, head: { sha, repo: { full_name: headRepo } } } },
});

describe('commentPlan', () => {
  it('refuses to run outside a pull request, with an error annotation, and touches nothing', async () => {
    const deps = githubDeps({ name: 'push', sha: 'm1', payload: {} });
    const r = await commentPlan(syntheticPlan(1), undefined, deps);
    expect(r).toEqual({ outcome: 'not-a-pull-request' });
    expect(deps.out.annotations).toEqual([
      { level: 'error', message: 'spa github comment-plan runs on pull_request events' },
    ]);
    expect(deps.repo.writes).toEqual([]);
  });

  it('writes the plan once, leaves it alone when unchanged, and updates it in place on the next commit', async () => {
    const deps = githubDeps(pullRequest(7, 'a1'));
    const first = await commentPlan(syntheticPlan(2), undefined, deps);
    expect(first.outcome).toBe('commented');
    const [comment] = deps.repo.commentsOn(7);
    expect(parseMarker(comment!.body)).toMatchObject({
      kind: 'plan',
      pr: 7,
      commit: 'a1',
      part: 1,
      parts: 1,
    });
    expect(deps.out.stepOutputs).toMatchObject({
      comments: 1,
      changes: 6,
      'comment-ids': String(comment!.id),
    });
    expect(deps.out.summaries[0]).toContain('### SPA plan for pull request #7');

    await commentPlan(syntheticPlan(2), undefined, deps);
    expect(deps.repo.writes).toEqual(['create comment on #7']);
    expect(deps.out.infos.at(-1)).toContain('1 part(s), 0 written, 1 unchanged');

    const next = githubDeps(pullRequest(7, 'a2'), deps.repo);
    await commentPlan(syntheticPlan(2, 'someone-else'), undefined, next);
    expect(deps.repo.writes).toEqual(['create comment on #7', `update comment ${comment!.id}`]);
    expect(parseMarker(deps.repo.commentsOn(7)[0]!.body)).toMatchObject({ commit: 'a2' });
  });

  it('shows every change as caused by the pull request when the base branch could not be planned, and says so', async () => {
    const deps = githubDeps(pullRequest(8, 'b1'));
    await commentPlan(syntheticPlan(1), { missing: 'base.json' }, deps);
    expect(deps.out.infos[0]).toBe(
      'no plan of the base branch (base.json): every change is shown as caused by the pull request',
    );
    expect(deps.repo.commentsOn(8)[0]!.body).toContain('#### Changes this pull request causes (3)');
  });

  it('tells the changes the pull request causes from those that already differ on the base branch', async () => {
    const deps = githubDeps(pullRequest(9, 'c1'));
    await commentPlan(syntheticPlan(2, 'finops', { project: 'x' }), syntheticPlan(2), deps);
    const body = deps.repo.commentsOn(9)[0]!.body;
    expect(body).toContain('#### Differences that already exist between main and AWS (4)');
    expect(body).toContain('#### Differences on main that this pull request removes (2)');
  });

  it('says how many accounts a targeted plan reaches, its AWS calls, and the full plan it stands on', async () => {
    const deps = githubDeps(pullRequest(10, 'd1'));
    const scope = {
      kind: 'targeted' as const,
      accounts: 3,
      ous: [],
      subjects: ['a', 'b', 'c'],
      awsCalls: 21,
      reference: { createdAt: '2026-11-28T06:00:00.000Z', commit: 'abcdef0123456789', digest: 'sha256:0' },
    };
    await commentPlan(
      { ...syntheticPlan(2, 'finops', { project: 'x' }), scope },
      { ...syntheticPlan(2), scope },
      deps,
    );
    const body = deps.repo.commentsOn(10)[0]!.body;
    expect(body).toContain(
      'Targeted plan: this pull request reaches **3** accounts, read with **21** AWS calls. Differences elsewhere between main and AWS are those of the last full plan of main (2026-11-28T06:00:00.000Z, <code>abcdef012345</code>): see the drift issue.',
    );
  });

  it('says that a full plan read the whole organization, and why it was not targeted', async () => {
    const deps = githubDeps(pullRequest(11, 'e1'));
    const plan = {
      ...syntheticPlan(1),
      scope: {
        kind: 'full' as const,
        reason: 'settings.yaml changes, which reaches every account',
        awsCalls: 4100,
      },
    };
    await commentPlan(plan, undefined, deps);
    expect(deps.repo.commentsOn(11)[0]!.body).toContain(
      'Full plan: the whole organization was read with **4100** AWS calls (settings.yaml changes, which reaches every account).',
    );
  });

  it('writes no comment for a pull request from a fork: a notice, the outputs and the job summary', async () => {
    const deps = githubDeps(pullRequest(10, 'd1', 'mallory/settings'));
    const r = await commentPlan(syntheticPlan(1), undefined, deps);
    expect(r).toEqual({ outcome: 'fork' });
    expect(deps.repo.writes).toEqual([]);
    expect(deps.out.annotations).toEqual([
      {
        level: 'notice',
        message: 'Pull request from a fork: the plan is in the job summary, not in a comment.',
      },
    ]);
    expect(deps.out.stepOutputs).toMatchObject({ comments: 0, changes: 3 });
    expect(deps.out.summaries[0]).toContain('### SPA plan for pull request #10');
  });
});
