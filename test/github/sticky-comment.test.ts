import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseMarker } from '../../engine/src/gitops/markers.js';
import { ActionsRunner, pullRequestEvent } from '../helpers/actions.js';
import { syntheticPlan } from '../helpers/plans.js';
import { startGithubServer, type GithubServer } from '../support/github-server.js';

let server: GithubServer;
let runner: ActionsRunner;
beforeAll(async () => {
  server = await startGithubServer();
  runner = new ActionsRunner(server);
});
afterAll(async () => {
  runner.cleanup();
  await server.close();
});
afterEach(() => {
  expect(server.violations, "every request and response matches GitHub's OpenAPI description").toEqual([]);
});

const writes = () => server.requests.filter((r) => !r.startsWith('GET '));

describe('the sticky plan comment', () => {
  it('is created once, left alone when unchanged, updated in place on the next push', async () => {
    server.addPull({
      number: 7,
      headSha: 'a1',
      headRepo: server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const plan = runner.writePlan('p1.json', syntheticPlan(3));
    const first = await runner.step(
      ['comment-plan', '--plan', plan],
      pullRequestEvent(7, 'a1', server.repository),
    );
    expect(first.code).toBe(0);
    const [comment] = server.commentsOn(7);
    expect(server.commentsOn(7)).toHaveLength(1);
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
    const same = await runner.step(
      ['comment-plan', '--plan', plan],
      pullRequestEvent(7, 'a1', server.repository),
    );
    expect(same.code).toBe(0);
    expect(writes().length).toBe(before);

    const next = runner.writePlan('p2.json', syntheticPlan(3, 'someone-else'));
    await runner.step(['comment-plan', '--plan', next], pullRequestEvent(7, 'a2', server.repository));
    expect(server.commentsOn(7)).toHaveLength(1);
    expect(server.commentsOn(7)[0]!.id).toBe(comment!.id);
    expect(parseMarker(server.commentsOn(7)[0]!.body)).toMatchObject({ commit: 'a2' });
    expect(writes().slice(before)).toEqual([
      `PATCH /repos/${server.repository}/issues/comments/${comment!.id} 200`,
    ]);
  });

  it('splits a 5,000-change plan into at most 10 comments of at most 65,536 characters, and shrinks back', async () => {
    server.addPull({
      number: 8,
      headSha: 'b1',
      headRepo: server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    // Someone else's comment with a plan marker is never touched.
    const foreign = server.postAs(
      'mallory-token',
      8,
      server.commentsOn(7)[0]!.body.replace('"pr":7', '"pr":8'),
    );
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
    const medium = runner.writePlan('big.json', big);
    const r = await runner.step(
      ['comment-plan', '--plan', medium],
      pullRequestEvent(8, 'b1', server.repository),
    );
    expect(r.code).toBe(0);
    const own = server.commentsOn(8).filter((c) => c.user.login === 'github-actions[bot]');
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
    const huge = runner.writePlan('huge.json', hugePlan);
    const r2 = await runner.step(
      ['comment-plan', '--plan', huge],
      pullRequestEvent(8, 'b2', server.repository),
    );
    expect(r2.code).toBe(0);
    const after = server.commentsOn(8).filter((c) => c.user.login === 'github-actions[bot]');
    expect(after).toHaveLength(1);
    expect(after[0]!.body).toContain('too many for 10 comments');
    expect(after[0]!.body).toContain('https://github.com/acme/spa-settings/actions/runs/');

    await runner.step(
      ['comment-plan', '--plan', runner.writePlan('small.json', syntheticPlan(1))],
      pullRequestEvent(8, 'b3', server.repository),
    );
    const small = server.commentsOn(8).filter((c) => c.user.login === 'github-actions[bot]');
    expect(small).toHaveLength(1);
    expect(small[0]!.body).toContain('(3)');
    expect(server.comments.get(foreign.id)!.body).toBe(foreign.body);
  });

  it('separates what the pull request causes from what already differs between main and AWS', async () => {
    server.addPull({
      number: 9,
      headSha: 'c1',
      headRepo: server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const base = runner.writePlan('base.json', syntheticPlan(2));
    const head = runner.writePlan('head.json', syntheticPlan(2, 'finops', { project: 'x' }));
    await runner.step(
      ['comment-plan', '--plan', head, '--base-plan', base],
      pullRequestEvent(9, 'c1', server.repository),
    );
    const body = server.commentsOn(9)[0]!.body;
    expect(body).toContain('| <code>&#126; tag-account</code> | 2 | 0 |');
    expect(body).toContain('| <code>+ start-lifecycle</code> | 0 | 2 |');
    expect(body).toContain('#### Differences that already exist between main and AWS (4)');
    expect(body).toContain('#### Differences on main that this pull request removes (2)');
  });

  it('shows every change as caused by the pull request when the base branch could not be planned', async () => {
    server.addPull({
      number: 11,
      headSha: 'e1',
      headRepo: server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const r = await runner.step(
      ['comment-plan', '--plan', runner.writePlan('e.json', syntheticPlan(1)), '--base-plan', 'missing.json'],
      pullRequestEvent(11, 'e1', server.repository),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no plan of the base branch (missing.json)');
    expect(server.commentsOn(11)[0]!.body).toContain('#### Changes this pull request causes (3)');
  });

  it('writes no comment for a pull request from a fork, only the job summary', async () => {
    server.addPull({
      number: 10,
      headSha: 'd1',
      headRepo: 'mallory/spa-settings',
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const r = await runner.step(
      ['comment-plan', '--plan', runner.writePlan('f.json', syntheticPlan(1))],
      pullRequestEvent(10, 'd1', 'mallory/spa-settings'),
    );
    expect(r.code).toBe(0);
    expect(server.commentsOn(10)).toEqual([]);
    expect(r.stdout).toContain('::notice::Pull request from a fork');
    expect(r.summary).toContain('### SPA plan for pull request #10');
  });
});
