import { describe, expect, it } from 'vitest';
import { formatMarker, parseMarker } from '../../engine/src/gitops/markers.js';
import { githubFixture, pullRequestEvent, pushEvent } from '../helpers/actions.js';
import { smallPlan, syntheticPlan } from '../helpers/plans.js';

const gh = githubFixture();

let nextPr = 20;
/** A pull request reviewed with a plan comment at its head commit, then merged by `mergeSha`. */
async function reviewedAndMerged(
  planOwner: string,
  mergeSha: string,
  options: { fork?: boolean; large?: boolean; labels?: string[] } = {},
) {
  const number = nextPr++;
  const head = `head-${number}`;
  const repo = options.fork ? 'mallory/spa-settings' : gh.server.repository;
  gh.server.addPull({
    number,
    headSha: head,
    headRepo: repo,
    baseRef: 'main',
    mergedAt: null,
    mergeCommitSha: null,
  });
  const plan = options.large ? syntheticPlan(3, planOwner) : smallPlan(3, planOwner);
  if (!options.fork)
    await gh.runner.step(
      ['comment-plan', '--plan', gh.runner.writePlan(`pr-${number}.json`, plan)],
      pullRequestEvent(number, head, repo),
    );
  gh.server.addPull({
    number,
    headSha: head,
    headRepo: repo,
    baseRef: 'main',
    mergedAt: '2026-11-27T12:00:00Z',
    mergeCommitSha: mergeSha,
    labels: options.labels ?? [],
  });
  return { number, head, plan };
}

const gate = (
  planFile: string,
  event: ReturnType<typeof pushEvent> | { name: string; sha: string; payload: object },
  extra: string[] = [],
) => gh.runner.step(['apply-gate', '--plan', planFile, ...extra], event);

describe('the apply gate', () => {
  it('opens when the plan of main is the plan approved in the merged pull request', async () => {
    const pr = await reviewedAndMerged('team-a', 'merge-1');
    const r = await gate(
      gh.runner.writePlan('main-1.json', smallPlan(3, 'team-a')),
      pushEvent('merge-1', ['merge-1']),
    );
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({
      apply: 'true',
      'allow-large': 'false',
      reason: 'approved',
      prs: String(pr.number),
      digest: pr.plan.digest,
    });
  });
});

describe('the apply gate and large plans', () => {
  it('lets a large plan through from a merge only when its pull request carries the label spa/allow-large', async () => {
    const pr = await reviewedAndMerged('large-labelled', 'merge-l1', {
      large: true,
      labels: ['spa/allow-large'],
    });
    expect(pr.plan.large.isLarge).toBe(true);
    const r = await gate(gh.runner.writePlan('main-l1.json', pr.plan), pushEvent('merge-l1', ['merge-l1']));
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ apply: 'true', 'allow-large': 'true', reason: 'approved' });
    expect(r.summary).toContain('carries the label spa/allow-large');
  });

  it('refuses a large plan without the label, says why, and takes a maintainer confirmation instead', async () => {
    const pr = await reviewedAndMerged('large-bare', 'merge-l2', { large: true, labels: ['documentation'] });
    const planComment = gh.server.commentsOn(pr.number)[0]!.body;
    expect(planComment).toContain('This plan is large');
    expect(planComment).toContain('<code>spa/allow-large</code>');
    const file = gh.runner.writePlan('main-l2.json', pr.plan);
    const r = await gate(file, pushEvent('merge-l2', ['merge-l2']));
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ apply: 'false', 'allow-large': 'false', reason: 'large-needs-label' });
    const said = gh.server.commentsOn(pr.number).at(-1)!.body;
    expect(said).toContain('### SPA apply refused');
    expect(said).toContain(
      'a large plan is applied only when its pull request carries the label spa/allow-large',
    );
    expect(said).toContain(`confirm = ${pr.plan.digest}`);
    const issue = [...gh.server.issues.values()].find(
      (i) => i.labels.includes('spa-apply') && i.state === 'open',
    );
    expect(issue?.body).toContain('spa/allow-large');

    const confirmed = await gate(file, {
      name: 'workflow_dispatch',
      sha: 'merge-l2',
      payload: { inputs: { confirm: pr.plan.digest }, repository: { default_branch: 'main' } },
    });
    expect(confirmed.outputs).toMatchObject({ apply: 'true', 'allow-large': 'true', reason: 'confirmed' });
  });
});

describe('the apply gate and approvals', () => {
  it('applies nothing when the plan changed after approval, and says why on the PR and in an issue', async () => {
    const pr = await reviewedAndMerged('team-b', 'merge-2');
    const r = await gate(
      gh.runner.writePlan('main-2.json', smallPlan(3, 'changed-meanwhile')),
      pushEvent('merge-2', ['merge-2']),
    );
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ apply: 'false', reason: 'digest-mismatch' });
    expect(r.stdout).toContain('::error title=SPA apply refused::');
    const said = gh.server.commentsOn(pr.number).at(-1)!;
    expect(said.body).toContain('### SPA apply refused');
    expect(said.body).toContain('differs from the plan approved');
    const issues = [...gh.server.issues.values()].filter((i) => i.labels.includes('spa-apply'));
    expect(issues).toHaveLength(1);
    expect(parseMarker(issues[0]!.body)?.kind).toBe('apply');
    // A second refusal updates the same issue.
    await gate(
      gh.runner.writePlan('main-2b.json', smallPlan(3, 'changed-again')),
      pushEvent('merge-2', ['merge-2']),
    );
    expect([...gh.server.issues.values()].filter((i) => i.labels.includes('spa-apply'))).toHaveLength(1);
  });
});

describe('the apply gate and forged approvals', () => {
  it('ignores a forged marker comment from another user, and a plan from an earlier commit', async () => {
    const number = nextPr++;
    gh.server.addPull({
      number,
      headSha: 'h-old',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: null,
      mergeCommitSha: null,
    });
    const plan = smallPlan(3, 'team-c');
    await gh.runner.step(
      ['comment-plan', '--plan', gh.runner.writePlan('c.json', plan)],
      pullRequestEvent(number, 'h-old', gh.server.repository),
    );
    const own = gh.server.commentsOn(number)[0]!;
    // mallory copies the workflow's comment, pointing it at the final commit.
    gh.server.postAs(
      'mallory-token',
      number,
      own.body.replace(
        /^<!-- spa:plan (\S+) -->/,
        (_m, data: string) =>
          `<!-- spa:plan ${Buffer.from(Buffer.from(data, 'base64url').toString().replace('h-old', 'h-final')).toString('base64url')} -->`,
      ),
    );
    gh.server.addPull({
      number,
      headSha: 'h-final',
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: '2026-11-27T12:00:00Z',
      mergeCommitSha: 'merge-3',
    });
    const r = await gate(gh.runner.writePlan('main-3.json', plan), pushEvent('merge-3', ['merge-3']));
    expect(r.code).toBe(1);
    expect(r.outputs.reason).toBe('no-approved-plan');
  });
});

describe('the apply gate and the exact marker of an approval, written by another user', () => {
  it('takes no approval from a comment by another user, even one with the exact marker the workflow writes', async () => {
    const number = nextPr++;
    const head = `head-${number}`;
    const plan = smallPlan(3, 'forged');
    gh.server.addPull({
      number,
      headSha: head,
      headRepo: gh.server.repository,
      baseRef: 'main',
      mergedAt: '2026-11-27T12:00:00Z',
      mergeCommitSha: `merge-f${number}`,
    });
    const marker = formatMarker({
      kind: 'plan',
      pr: number,
      commit: head,
      digest: plan.digest,
      part: 1,
      parts: 1,
    });
    const body = `${marker}\n### SPA plan for pull request #${number}\n`;
    gh.server.postAs('mallory-token', number, body);
    const file = gh.runner.writePlan(`forged-${number}.json`, plan);
    const forged = await gate(file, pushEvent(`merge-f${number}`, [`merge-f${number}`]));
    expect(forged.code).toBe(1);
    expect(forged.outputs).toMatchObject({ apply: 'false', reason: 'no-approved-plan' });
    // The very same comment by the workflow's identity is an approval: its author alone made the difference.
    gh.server.postAs('bot-token', number, body);
    const genuine = await gate(file, pushEvent(`merge-f${number}`, [`merge-f${number}`]));
    expect(genuine.outputs).toMatchObject({ apply: 'true', reason: 'approved', digest: plan.digest });
  });
});

describe('the apply gate with several pull requests, forks and manual runs', () => {
  it('applies two pull requests merged in a row, each run with its own approval', async () => {
    const first = await reviewedAndMerged('row-1', 'merge-4');
    const r1 = await gate(gh.runner.writePlan('main-4.json', first.plan), pushEvent('merge-4', ['merge-4']));
    expect(r1.outputs).toMatchObject({ apply: 'true', prs: String(first.number) });
    const second = await reviewedAndMerged('row-2', 'merge-5');
    const r2 = await gate(gh.runner.writePlan('main-5.json', second.plan), pushEvent('merge-5', ['merge-5']));
    expect(r2.outputs).toMatchObject({ apply: 'true', prs: String(second.number) });
  });

  it('covers every pull request of a push that merged several: the newest approval includes the earlier ones', async () => {
    const a = await reviewedAndMerged('batch-a', 'merge-6');
    const b = await reviewedAndMerged('batch-b', 'merge-7');
    const r = await gate(
      gh.runner.writePlan('main-7.json', b.plan),
      pushEvent('merge-7', ['merge-6', 'merge-7']),
    );
    expect(r.code).toBe(0);
    expect(r.outputs.prs).toBe(`${a.number},${b.number}`);
  });

  it('always needs a maintainer confirmation for a pull request from a fork', async () => {
    const pr = await reviewedAndMerged('fork', 'merge-8', { fork: true });
    const r = await gate(gh.runner.writePlan('main-8.json', pr.plan), pushEvent('merge-8', ['merge-8']));
    expect(r.code).toBe(1);
    expect(r.outputs.reason).toBe('fork-needs-confirmation');
  });

  it('applies the current plan from a manual run only with the confirmation of its digest', async () => {
    const plan = smallPlan(3, 'manual');
    const file = gh.runner.writePlan('manual.json', plan);
    const dispatch = (confirm: string) => ({
      name: 'workflow_dispatch',
      sha: 'main-head',
      payload: { inputs: { confirm }, repository: { default_branch: 'main' } },
    });
    const wrong = await gate(file, dispatch('sha256:0000'));
    expect(wrong.outputs).toMatchObject({ apply: 'false', reason: 'confirmation-mismatch' });
    const right = await gate(file, dispatch(plan.digest));
    expect(right.code).toBe(0);
    expect(right.outputs).toMatchObject({ apply: 'true', reason: 'confirmed' });
  });

  it('passes with nothing to apply when main already matches AWS', async () => {
    const r = await gate(
      gh.runner.writePlan('empty.json', syntheticPlan(0)),
      pushEvent('merge-9', ['merge-9']),
    );
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ apply: 'false', reason: 'no-changes' });
  });
});
