import { describe, expect, it } from 'vitest';
import { formatMarker, parseMarker } from '../../engine/src/gitops/markers.js';
import { githubFixture, pullRequestEvent } from '../helpers/actions.js';
import { syntheticPlan } from '../helpers/plans.js';

const gh = githubFixture();

const writes = () => gh.server.requests.filter((r) => !r.startsWith('GET '));

describe('the sticky plan comment', () => {
  it('is created once, left alone when unchanged, updated in place on the next push', async () => {
    gh.server.addPull({
      number: 7,
      headSha: 'a1',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const plan = gh.runner.writePlan('p1.json', syntheticPlan(3));
    const first = await gh.runner.step(
      ['comment-plan', '--plan', plan],
      pullRequestEvent(7, 'a1', gh.server.repository),
    );
    expect(first.code).toBe(0);
    const [comment] = gh.server.commentsOn(7);
    expect(gh.server.commentsOn(7)).toHaveLength(1);
    expect(comment!.user.login).toBe('github-actions[bot]');
    expect(parseMarker(comment!.body)).toMatchObject({
      kind: 'plan',
      pr: 7,
      commit: 'a1',
      part: 1,
      parts: 1,
    });
    expect(comment!.body).toContain('#### Changes this pull request causes (9)');
    expect(first.outputs).toMatchObject({ comments: '1', changes: '9', 'comment-ids': String(comment!.id) });
    expect(first.summary).toContain('### SPA plan for pull request #7');

    const before = writes().length;
    const same = await gh.runner.step(
      ['comment-plan', '--plan', plan],
      pullRequestEvent(7, 'a1', gh.server.repository),
    );
    expect(same.code).toBe(0);
    expect(writes().length).toBe(before);

    const next = gh.runner.writePlan('p2.json', syntheticPlan(3, 'someone-else'));
    await gh.runner.step(['comment-plan', '--plan', next], pullRequestEvent(7, 'a2', gh.server.repository));
    expect(gh.server.commentsOn(7)).toHaveLength(1);
    expect(gh.server.commentsOn(7)[0]!.id).toBe(comment!.id);
    expect(parseMarker(gh.server.commentsOn(7)[0]!.body)).toMatchObject({ commit: 'a2' });
    expect(writes().slice(before)).toEqual([
      `PATCH /repos/${gh.server.repository}/issues/comments/${comment!.id} 200`,
    ]);
  });

  it('splits a 5,000-change plan into at most 10 comments of at most 65,536 characters, and shrinks back', async () => {
    gh.server.addPull({
      number: 8,
      headSha: 'b1',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const big = syntheticPlan(100, 'finops', {
      a: '1',
      b: '2',
      c: '3',
      d: '4',
      e: '5',
      f: '6',
      g: '7',
      h: '8',
    });
    // Someone else's comment carrying a valid plan marker, the one the workflow would write for part 1 of this
    // pull request at this commit, is neither taken as part 1 nor updated nor deleted.
    const forged = formatMarker({ kind: 'plan', pr: 8, commit: 'b1', digest: big.digest, part: 1, parts: 1 });
    expect(parseMarker(forged)).toMatchObject({ kind: 'plan', pr: 8, commit: 'b1', part: 1 });
    const foreign = gh.server.postAs('mallory-token', 8, `${forged}\nforged plan`);
    const medium = gh.runner.writePlan('big.json', big);
    const r = await gh.runner.step(
      ['comment-plan', '--plan', medium],
      pullRequestEvent(8, 'b1', gh.server.repository),
    );
    expect(r.code).toBe(0);
    const own = gh.server.commentsOn(8).filter((c) => c.user.login === 'github-actions[bot]');
    expect(gh.server.comments.get(foreign.id)!.body).toBe(foreign.body);
    expect(r.outputs['comment-ids']!.split(',')).not.toContain(String(foreign.id));
    expect(parseMarker(own[0]!.body)).toMatchObject({ part: 1 });
    expect(own.length).toBeGreaterThan(1);
    expect(own.length).toBeLessThanOrEqual(10);
    for (const [i, c] of own.entries()) {
      expect(c.body.length).toBeLessThanOrEqual(65_536);
      expect(parseMarker(c.body)).toMatchObject({ part: i + 1, parts: own.length });
      expect(c.body).toContain(`(part ${i + 1} of ${own.length})`);
    }
    expect(r.summary.length).toBeLessThan(1024 * 1024);

    const hugePlan = syntheticPlan(1700, 'finops', {
      a: '1',
      b: '2',
      c: '3',
      d: '4',
      e: '5',
      f: '6',
      g: '7',
      h: '8',
    });
    expect(hugePlan.changes.length).toBeGreaterThanOrEqual(5000);
    const huge = gh.runner.writePlan('huge.json', hugePlan);
    const r2 = await gh.runner.step(
      ['comment-plan', '--plan', huge],
      pullRequestEvent(8, 'b2', gh.server.repository),
    );
    expect(r2.code).toBe(0);
    const after = gh.server.commentsOn(8).filter((c) => c.user.login === 'github-actions[bot]');
    expect(after).toHaveLength(1);
    expect(after[0]!.body).toContain('too many for 10 comments');
    expect(after[0]!.body).toContain('https://github.com/acme/spa-settings/actions/runs/');

    await gh.runner.step(
      ['comment-plan', '--plan', gh.runner.writePlan('small.json', syntheticPlan(1))],
      pullRequestEvent(8, 'b3', gh.server.repository),
    );
    const small = gh.server.commentsOn(8).filter((c) => c.user.login === 'github-actions[bot]');
    expect(small).toHaveLength(1);
    expect(small[0]!.body).toContain('(3)');
    expect(gh.server.comments.get(foreign.id)!.body).toBe(foreign.body);
    expect(gh.server.requests.filter((q) => q.includes(`/issues/comments/${foreign.id} `))).toEqual([]);
  });

  it('separates what the pull request causes from what already differs between main and AWS', async () => {
    gh.server.addPull({
      number: 9,
      headSha: 'c1',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const base = gh.runner.writePlan('base.json', syntheticPlan(2));
    const head = gh.runner.writePlan('head.json', syntheticPlan(2, 'finops', { project: 'x' }));
    await gh.runner.step(
      ['comment-plan', '--plan', head, '--base-plan', base],
      pullRequestEvent(9, 'c1', gh.server.repository),
    );
    const body = gh.server.commentsOn(9)[0]!.body;
    expect(body).toContain('| <code>&#126; tag-account</code> | 2 | 0 |');
    expect(body).toContain('| <code>+ start-lifecycle</code> | 0 | 2 |');
    expect(body).toContain('#### Differences that already exist between main and AWS (4)');
    expect(body).toContain('#### Differences on main that this pull request removes (2)');
  });

  it('shows every change as caused by the pull request when the base branch could not be planned', async () => {
    gh.server.addPull({
      number: 11,
      headSha: 'e1',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const r = await gh.runner.step(
      [
        'comment-plan',
        '--plan',
        gh.runner.writePlan('e.json', syntheticPlan(1)),
        '--base-plan',
        'missing.json',
      ],
      pullRequestEvent(11, 'e1', gh.server.repository),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no plan of the base branch (missing.json)');
    expect(gh.server.commentsOn(11)[0]!.body).toContain('#### Changes this pull request causes (3)');
  });

  it('writes no comment for a pull request from a fork, only the job summary', async () => {
    gh.server.addPull({
      number: 10,
      headSha: 'd1',
      headRepo: 'mallory/spa-settings',
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const r = await gh.runner.step(
      ['comment-plan', '--plan', gh.runner.writePlan('f.json', syntheticPlan(1))],
      pullRequestEvent(10, 'd1', 'mallory/spa-settings'),
    );
    expect(r.code).toBe(0);
    expect(gh.server.commentsOn(10)).toEqual([]);
    expect(r.stdout).toContain('::notice::Pull request from a fork');
    expect(r.summary).toContain('### SPA plan for pull request #10');
  });
});
