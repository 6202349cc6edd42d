import { describe, expect, it } from 'vitest';
import {
  ALLOW_LARGE_LABEL,
  approvedDigest,
  approvedPlan,
  decideApply,
  type MergedPull,
} from '../../engine/src/gitops/gate.js';
import { formatMarker, type PlanMarker } from '../../engine/src/gitops/markers.js';
import type { Plan } from '../../engine/src/plan/types.js';
import { smallPlan, syntheticPlan } from '../helpers/plans.js';

const BOT = 'github-actions[bot]';
const plan = smallPlan(3, 'gate');
const large = syntheticPlan(3, 'gate-large');
const merged = (number: number, over: Partial<MergedPull> = {}): MergedPull => ({
  number,
  headSha: `h${number}`,
  fromFork: false,
  labels: [],
  ...over,
});

describe('the apply gate after a merge', () => {
  it('applies the plan approved in a merged pull request, naming every pull request of the push', () => {
    expect(decideApply(plan, [merged(1), merged(2, { approvedDigest: plan.digest })], undefined)).toEqual({
      apply: true,
      reason: 'approved',
      allowLarge: false,
      message: `The plan ${plan.digest} is the one approved in #1, #2.`,
    });
  });

  it('names the label and the pull request that carries it when a large plan goes through', () => {
    const d = decideApply(
      large,
      [merged(4, { labels: [ALLOW_LARGE_LABEL], approvedDigest: large.digest })],
      undefined,
    );
    expect(d.message).toBe(
      `The plan ${large.digest} is the one approved in #4. It is large (${large.large.reasons.join('; ')}), and #4 carries the label spa/allow-large.`,
    );
    const refused = decideApply(large, [merged(5, { approvedDigest: large.digest })], '');
    expect(refused).toMatchObject({ apply: false, reason: 'large-needs-label' });
    expect(refused.message).toContain(`but it is large (${large.large.reasons.join('; ')})`);
  });

  it('refuses a pull request from a fork, whatever it approved', () => {
    const d = decideApply(
      plan,
      [merged(3, { fromFork: true, approvedDigest: plan.digest }), merged(4)],
      undefined,
    );
    expect(d).toEqual({
      apply: false,
      reason: 'fork-needs-confirmation',
      message: `Pull request #3 came from a fork: its plan was not made with the organization's credentials. A maintainer applies it from a manual run, confirming the digest ${plan.digest}.`,
    });
  });

  it('refuses a push that no merged pull request explains', () => {
    expect(decideApply(plan, [], undefined)).toEqual({
      apply: false,
      reason: 'needs-confirmation',
      message: `No merged pull request explains these changes (a direct push?): a maintainer applies them from a manual run, confirming the digest ${plan.digest}.`,
    });
  });

  it('refuses pull requests without an approved plan', () => {
    expect(decideApply(plan, [merged(6), merged(7)], undefined)).toEqual({
      apply: false,
      reason: 'no-approved-plan',
      message: `No plan comment of this workflow was found at the final commit of #6, #7: nothing was applied. A maintainer applies it from a manual run, confirming the digest ${plan.digest}.`,
    });
  });

  it('refuses a plan that differs from the one approved, naming what each approved', () => {
    const pulls = [
      merged(8, { approvedDigest: 'sha256:a' }),
      merged(9),
      merged(10, { approvedDigest: 'sha256:b' }),
    ];
    expect(decideApply(plan, pulls, undefined)).toEqual({
      apply: false,
      reason: 'digest-mismatch',
      message: `The plan of main against AWS (${plan.digest}) differs from the plan approved in #8 (sha256:a), #10 (sha256:b): AWS or main changed since the review. Nothing was applied. Review the current plan, then apply it from a manual run confirming its digest.`,
    });
  });

  it('has nothing to apply without changes, and refuses a plan with errors, before any confirmation', () => {
    const empty: Plan = { ...plan, changes: [] };
    expect(decideApply(empty, [], empty.digest)).toEqual({
      apply: false,
      reason: 'no-changes',
      message: 'AWS already matches the branch: nothing to apply.',
    });
    const broken: Plan = {
      ...plan,
      findings: [{ kind: 'ambiguous-match', severity: 'error', message: 'x' }],
      summary: { ...plan.summary, errors: 1 },
    };
    expect(decideApply(broken, [merged(1, { approvedDigest: plan.digest })], plan.digest)).toEqual({
      apply: false,
      reason: 'plan-has-errors',
      message: 'The plan has 1 error(s): nothing can be applied until they are fixed.',
    });
    const warned: Plan = {
      ...plan,
      findings: [{ kind: 'other', severity: 'warning', message: 'x' } as unknown as Plan['findings'][number]],
    };
    expect(decideApply(warned, [], plan.digest)).toMatchObject({ apply: true, reason: 'confirmed' });
  });

  it("says which plan a maintainer confirmed, and a large plan's reasons", () => {
    expect(decideApply(plan, [], plan.digest)).toEqual({
      apply: true,
      reason: 'confirmed',
      allowLarge: false,
      message: `A maintainer confirmed the plan ${plan.digest}.`,
    });
    expect(decideApply(large, [], large.digest).message).toBe(
      `A maintainer confirmed the plan ${large.digest}, a large plan (${large.large.reasons.join('; ')}).`,
    );
    expect(decideApply(plan, [], 'sha256:0').message).toBe(
      `The confirmation sha256:0 is not the digest of the current plan, ${plan.digest}: nothing was applied. Read the current plan, then confirm its digest.`,
    );
    expect(decideApply(plan, [], plan.digest.slice(0, 10)).message).toBe(
      `The confirmation ${plan.digest.slice(0, 10)} is too short: give the digest of the current plan, ${plan.digest}, or at least its first 19 characters. Nothing was applied.`,
    );
  });
});

describe('the plan approved in a pull request', () => {
  const marker = (over: Partial<PlanMarker> = {}) =>
    formatMarker({
      kind: 'plan',
      pr: 7,
      commit: 'h7',
      digest: 'sha256:ok',
      part: 1,
      parts: 2,
      reference: 3,
      ...over,
    });
  const pull = { number: 7, headSha: 'h7' };

  it('is that of the first part of a plan comment of the workflow, at the final head commit', () => {
    const comments = [
      { id: 0, author: BOT, body: 'a comment without a marker' },
      { id: 1, author: 'mallory', body: marker({ digest: 'sha256:forged' }) },
      { id: 2, author: BOT, body: marker({ digest: 'sha256:old', commit: 'h6' }) },
      { id: 3, author: BOT, body: marker({ digest: 'sha256:other-pr', pr: 8 }) },
      { id: 4, author: BOT, body: marker({ digest: 'sha256:part2', part: 2 }) },
      { id: 5, author: BOT, body: formatMarker({ kind: 'drift', digest: 'sha256:drift' }) },
      { id: 6, author: BOT, body: marker() },
      { id: 7, author: BOT, body: marker({ digest: 'sha256:later' }) },
    ];
    expect(approvedPlan(comments, pull, BOT)).toEqual({
      kind: 'plan',
      pr: 7,
      commit: 'h7',
      digest: 'sha256:ok',
      part: 1,
      parts: 2,
      reference: 3,
    });
    expect(approvedDigest(comments, pull, BOT)).toBe('sha256:ok');
    expect(approvedDigest(comments.slice(0, 6), pull, BOT)).toBeUndefined();
  });
});
