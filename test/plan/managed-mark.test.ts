import { describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../engine/src/plan/types.js';
import { FULL, observedPolicies } from '../helpers/memory-policies.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const MARK = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' };
const LEAVE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}';

/** A plan of an organization that an earlier tool left without SPA's mark. */
function unmarkedPlan(spec: MinimalTree, tags: Record<string, string> = {}): Plan {
  const observed = observedOrganization({
    unmarked: true,
    ous: ['Sandbox', 'Other'],
    accounts: [{ id: '000000000001', name: 'a', email: 'a@example.com', ouPath: 'Other', tags }],
  });
  const state = { enabled: true, policies: [FULL], attached: { Sandbox: [FULL.id], Other: [FULL.id] } };
  return planOf(minimalTree(spec), observed, new Map(), {
    policies: observedPolicies(state, 'SpaTest', [...observed.ous.keys()]),
  });
}

const byKey = (plan: Plan, key: string): Change => {
  const found = plan.changes.find((c) => c.key === key);
  if (!found) throw new Error(`no change ${key} in ${plan.changes.map((c) => c.key).join(', ')}`);
  return found;
};

describe('the mark of what SPA manages (managed-by, spa-environment)', () => {
  const spec: MinimalTree = {
    settings: { serviceControlPolicies: { leave: { file: 'infra/policies/leave.json' } } },
    ous: { Sandbox: { managed: true, serviceControlPolicies: { attach: ['leave'] } }, Other: {} },
    accounts: { a: { id: '000000000001', organizationalUnit: 'Sandbox' } },
    files: { 'infra/policies/leave.json': LEAVE },
  };

  it('is added to the accounts and OUs the settings manage, in the plan, before they are moved or attached to', () => {
    const plan = unmarkedPlan(spec);
    const tag = byKey(plan, 'tag-account:account/a');
    expect(tag.after).toMatchObject({ tags: MARK });
    expect(tag.provenance['tags.managed-by']).toBe('(the engine: what SPA manages)');
    expect(byKey(plan, 'move-account:account/a').dependsOn).toEqual(['tag-account:account/a']);
    expect(byKey(plan, 'start-lifecycle:account/a').dependsOn).toEqual(['tag-account:account/a']);
    expect(byKey(plan, 'tag-ou:ou/Sandbox').after).toEqual({ tags: MARK });
    expect(byKey(plan, 'tag-ou:ou/Other').after).toEqual({ tags: MARK });
    expect(byKey(plan, 'attach-policy:policy/leave/ou/Sandbox').dependsOn).toContain('tag-ou:ou/Sandbox');
  });

  it('is created with a new account and a new OU, as request tags', () => {
    const plan = unmarkedPlan({
      ous: { Sandbox: { managed: true }, 'Sandbox/New': {}, Other: {} },
      accounts: { b: { organizationalUnit: 'Sandbox/New' } },
    });
    expect(byKey(plan, 'create-ou:ou/Sandbox/New').after).toMatchObject({ tags: MARK });
    expect(byKey(plan, 'create-account:account/b').after).toMatchObject({ tags: MARK });
  });

  it('replaces another value and is never removed by the authoritative mode', () => {
    const authoritative = { ...spec, settings: { ...spec.settings, tagPolicy: { mode: 'authoritative' } } };
    const plan = unmarkedPlan(authoritative, {
      'managed-by': 'terraform',
      'spa-environment': 'Other',
      stray: 'x',
    });
    const tag = byKey(plan, 'tag-account:account/a');
    expect(tag.before).toMatchObject({
      tags: { 'managed-by': 'terraform', 'spa-environment': 'Other', stray: 'x' },
    });
    expect(tag.after).toMatchObject({ tags: { ...MARK, stray: null } });
    const settled = observedOrganization({
      ous: ['Sandbox', 'Other'],
      accounts: [{ id: '000000000001', name: 'a', email: 'a@example.com', ouPath: 'Sandbox' }],
    });
    const again = planOf(minimalTree(authoritative), settled).changes.filter(
      (c) => c.action === 'tag-account',
    );
    expect(again).toHaveLength(1);
    expect(Object.keys(again[0]!.after.tags)).not.toContain('managed-by');
    expect(Object.keys(again[0]!.after.tags)).not.toContain('spa-environment');
  });
});
