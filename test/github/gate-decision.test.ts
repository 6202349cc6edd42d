import { describe, expect, it } from 'vitest';
import { decideApply, MIN_CONFIRMATION_LENGTH } from '../../engine/src/gitops/gate.js';
import { syntheticPlan } from '../helpers/plans.js';

const plan = syntheticPlan(3, 'confirmations');
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
