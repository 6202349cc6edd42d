import { describe, expect, it } from 'vitest';
import {
  ALLOW_LARGE_LABEL,
  decideApply,
  MIN_CONFIRMATION_LENGTH,
  type MergedPull,
} from '../../engine/src/gitops/gate.js';
import { smallPlan, syntheticPlan } from '../helpers/plans.js';

const plan = smallPlan(3, 'confirmations');
const confirm = (text: string) => decideApply(plan, [], text);

describe('the confirmation of a manual apply', () => {
  it('takes the whole digest, also with blanks around it', () => {
    expect(confirm(plan.digest)).toMatchObject({ apply: true, reason: 'confirmed' });
    expect(confirm(`  ${plan.digest}\n`)).toMatchObject({ apply: true, reason: 'confirmed' });
  });

  it('takes a prefix of sha256: and 12 hex digits, 19 characters, and nothing shorter', () => {
    expect(MIN_CONFIRMATION_LENGTH).toBe(19);
    const prefix19 = plan.digest.slice(0, 19);
    expect(prefix19).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(confirm(prefix19)).toMatchObject({ apply: true, reason: 'confirmed' });
    const prefix18 = plan.digest.slice(0, 18);
    expect(confirm(prefix18)).toMatchObject({ apply: false, reason: 'confirmation-mismatch' });
    expect(confirm(prefix18).message).toContain('too short');
  });

  it('refuses sha256: alone, and blanks alone', () => {
    expect(confirm('sha256:')).toMatchObject({ apply: false, reason: 'confirmation-mismatch' });
    expect(confirm('   ')).toMatchObject({ apply: false, reason: 'confirmation-mismatch' });
  });

  it('refuses 19 characters that are not the start of the digest', () => {
    const other = syntheticPlan(3, 'another-plan').digest.slice(0, 19);
    expect(plan.digest.startsWith(other)).toBe(false);
    const decision = confirm(other);
    expect(decision).toMatchObject({ apply: false, reason: 'confirmation-mismatch' });
    expect(decision.message).toContain('is not the digest of the current plan');
  });
});

describe('a large plan at the gate', () => {
  const large = syntheticPlan(3, 'large');
  const merged = (number: number, labels: string[], approvedDigest?: string): MergedPull => ({
    number,
    headSha: `h${number}`,
    fromFork: false,
    labels,
    ...(approvedDigest ? { approvedDigest } : {}),
  });

  it('is applied with --allow-large when an approving pull request carries the label', () => {
    expect(large.large.isLarge).toBe(true);
    const d = decideApply(large, [merged(1, []), merged(2, [ALLOW_LARGE_LABEL], large.digest)], undefined);
    expect(d).toMatchObject({ apply: true, reason: 'approved', allowLarge: true });
  });

  it('is refused when only a pull request that did not approve it carries the label', () => {
    const d = decideApply(
      large,
      [merged(1, [ALLOW_LARGE_LABEL], 'sha256:other'), merged(2, [], large.digest)],
      undefined,
    );
    expect(d).toMatchObject({ apply: false, reason: 'large-needs-label' });
  });

  it('is applied with --allow-large when a maintainer confirms it; a small plan never gets the flag', () => {
    expect(decideApply(large, [], large.digest)).toMatchObject({ apply: true, allowLarge: true });
    const small = smallPlan(3, 'small');
    expect(decideApply(small, [], small.digest)).toMatchObject({ apply: true, allowLarge: false });
    expect(decideApply(small, [merged(3, [ALLOW_LARGE_LABEL], small.digest)], undefined)).toMatchObject({
      apply: true,
      allowLarge: false,
    });
  });
});
