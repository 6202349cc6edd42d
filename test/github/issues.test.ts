import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../engine/src/domain/generated/types.js';
import { githubFixture } from '../helpers/actions.js';
import { syntheticPlan } from '../helpers/plans.js';

const gh = githubFixture();

const schedule = { name: 'schedule', sha: 'main-sha', payload: {} };
const driftIssues = () => [...gh.server.issues.values()].filter((i) => i.labels.includes('drift'));

describe('the drift issue', () => {
  it('is opened once, updated while the drift changes, left alone when it does not, and closed when it is gone', async () => {
    // An issue that looks like the drift issue but was written by someone else is not the workflow's.
    const forged = gh.server.postAs('mallory-token', 1, 'x');
    gh.server.comments.delete(forged.id);
    gh.server.issues.set(99, {
      number: 99,
      title: 'Drift',
      body: '<!-- spa:drift e30 -->\nfake',
      labels: ['drift'],
      state: 'open',
      user: gh.server.users['mallory-token']!,
      isPull: false,
    });

    const first = await gh.runner.step(
      ['drift-issue', '--plan', gh.runner.writePlan('d1.json', syntheticPlan(2))],
      schedule,
    );
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ drift: 'true', changes: '6' });
    const ours = () => driftIssues().filter((i) => i.user.login === 'github-actions[bot]');
    expect(ours()).toHaveLength(1);
    const number = ours()[0]!.number;
    expect(ours()[0]!.body).toContain('### Drift: AWS differs from main');
    expect(gh.server.labels.has('drift')).toBe(true);

    const writes = gh.server.requests.filter((r) => r.startsWith('PATCH')).length;
    await gh.runner.step(
      ['drift-issue', '--plan', gh.runner.writePlan('d2.json', syntheticPlan(2))],
      schedule,
    );
    expect(gh.server.requests.filter((r) => r.startsWith('PATCH')).length).toBe(writes);

    await gh.runner.step(
      ['drift-issue', '--plan', gh.runner.writePlan('d3.json', syntheticPlan(3))],
      schedule,
    );
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('9 change');

    const gone = await gh.runner.step(
      ['drift-issue', '--plan', gh.runner.writePlan('d4.json', syntheticPlan(0))],
      schedule,
    );
    expect(gone.outputs).toMatchObject({ drift: 'false', issue: String(number) });
    expect(gh.server.issues.get(number)!.state).toBe('closed');
    expect(gh.server.commentsOn(number).at(-1)!.body).toContain('AWS matches main again');
    expect(gh.server.issues.get(99)!.state).toBe('open');

    await gh.runner.step(
      ['drift-issue', '--plan', gh.runner.writePlan('d5.json', syntheticPlan(1))],
      schedule,
    );
    expect(ours().filter((i) => i.state === 'open')).toHaveLength(1);
  });
});

describe('the apply report', () => {
  const result = (outcome: ApplyResult['outcome'], failed: number): ApplyResult => ({
    version: 1,
    kind: 'spa-apply-result',
    planDigest: `sha256:${'a'.repeat(64)}`,
    startedAt: '2026-11-27T12:00:00.000Z',
    finishedAt: '2026-11-27T12:00:05.000Z',
    outcome,
    results: [
      {
        change: 'tag-account:account/a',
        address: 'account/a',
        action: 'tag-account',
        status: 'applied',
        message: 'set owner',
        durationMs: 10,
      },
      ...(failed
        ? [
            {
              change: 'create-ou:ou/X',
              address: 'ou/X',
              action: 'create-ou' as const,
              status: 'failed' as const,
              message: 'AWS CreateOrganizationalUnit failed: <script>@everyone</script>',
              error: { code: 'aws-call-failed', message: 'boom' },
              durationMs: 5,
            },
          ]
        : []),
    ],
    summary: { applied: 1, alreadyApplied: 0, failed, skipped: 0 },
  });

  it('comments the result of each change on the merged pull request, opens an issue on failure and closes it on success', async () => {
    gh.server.addPull({
      number: 40,
      headSha: 'h40',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: '2026-11-27T12:00:00Z',
      mergeCommitSha: 'm40',
    });
    const push = { name: 'push', sha: 'm40', payload: {} };
    const failed = await gh.runner.step(
      ['report-apply', '--result', gh.runner.writeJson('r1.json', result('partial', 1)), '--prs', '40'],
      push,
    );
    expect(failed.code).toBe(0);
    const comment = gh.server.commentsOn(40).at(-1)!.body;
    expect(comment).toContain('### SPA apply of <code>m40</code>: ❌ incomplete');
    expect(comment).toContain('| <code>create-ou:ou/X</code> | failed |');
    expect(comment).not.toContain('<script>');
    expect(comment).not.toContain('@everyone');
    const applyIssues = () =>
      [...gh.server.issues.values()].filter(
        (i) => i.labels.includes('spa-apply') && i.user.login === 'github-actions[bot]',
      );
    expect(applyIssues().filter((i) => i.state === 'open')).toHaveLength(1);
    expect(failed.summary).toContain('❌ incomplete');

    await gh.runner.step(
      ['report-apply', '--result', gh.runner.writeJson('r2.json', result('applied', 0)), '--prs', '40'],
      push,
    );
    expect(applyIssues().filter((i) => i.state === 'open')).toHaveLength(0);
    expect(gh.server.commentsOn(40).at(-1)!.body).toContain('✅ applied');
  });
});
