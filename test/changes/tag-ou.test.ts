import { describe, expect, it } from 'vitest';
import { checkChange } from '../../engine/src/changes/registry.js';
import { World } from '../../engine/src/changes/world.js';
import type { Readiness } from '../../engine/src/changes/kind.js';
import { indexDesired } from '../../engine/src/desired/index-of.js';
import type { ObservedOrganization } from '../../engine/src/observed/types.js';
import type { Change } from '../../engine/src/plan/types.js';
import { memoryAws } from '../helpers/memory-aws.js';
import { desiredOf, observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const OTHER = 'ou-root-00000001';
const tagged = (ouTags: Record<string, string>): MinimalTree => ({
  ous: { Sandbox: { managed: true }, Other: { managed: false, ouTags } },
});

/** The tag-ou change of the plan of `settings` over OUs with `ouTags`. */
function planned(settings: MinimalTree, ouTags: Record<string, Record<string, string>> = {}) {
  const org = observedOrganization({ ous: ['Sandbox', 'Other'], ouTags, accounts: [] });
  const change = planOf(minimalTree(settings), org).changes.find((c) => c.action === 'tag-ou') as Change;
  return { org, change };
}

async function check(
  settings: MinimalTree,
  mutate: (org: ObservedOrganization, change: Change) => void = () => undefined,
  apply = settings,
): Promise<Readiness> {
  const { org, change } = planned(settings);
  mutate(org, change);
  const aws = memoryAws(org);
  return checkChange(change, {
    world: new World(aws.reader, aws.budgets, aws.accountApi, aws.policies),
    environment: 'SpaTest',
    managementAccountId: org.managementAccountId,
    desired: indexDesired(desiredOf(minimalTree(apply))),
  });
}

describe('tag-ou: the OU tags of a file', () => {
  it('plans the tags that differ, leaving undeclared OU tags alone, and counts them in its summary', () => {
    const one = planned(tagged({ team: 'x' }), { Other: { stray: 'y' } }).change;
    expect(one).toMatchObject({
      address: 'ou/Other',
      reason: 'differs',
      summary: 'set 1 tag on OU Other (team)',
      target: { kind: 'ou', name: 'Other', path: 'Other', ouId: OTHER },
      before: { tags: { team: null } },
      after: { tags: { team: 'x' } },
      dependsOn: [],
      precondition: { tags: { team: null } },
    });
    expect(one.provenance['tags.team']).toMatch(/^organizational-units\/Other\.yaml:\d+/);
    const two = planned(tagged({ team: 'x', cost: 'c' }), { Other: { team: 'old' } }).change;
    expect(two.summary).toBe('set 2 tags on OU Other (cost, team)');
    expect(two.before).toEqual({ tags: { cost: null, team: 'old' } });
    expect(planned(tagged({ team: 'x' }), { Other: { team: 'x' } }).change).toBeUndefined();
  });

  it('refuses a change the settings do not ask for, and is stale when the OU is gone or replaced', async () => {
    const settings = tagged({ team: 'x' });
    expect(await check(settings)).toEqual({ state: 'ready' });
    expect(await check(settings, undefined, { ous: { Sandbox: { managed: true } } })).toEqual({
      state: 'refused',
      reason: 'no OU file declares Other',
    });
    expect(await check(settings, undefined, tagged({ team: 'y' }))).toEqual({
      state: 'refused',
      reason: 'organizational-units/Other.yaml does not set the OU tag team = "x"',
    });
    expect(await check(settings, undefined, tagged({}))).toEqual({
      state: 'refused',
      reason: 'organizational-units/Other.yaml does not set the OU tag team = "x"',
    });
    const gone = { state: 'stale', expected: `OU Other (${OTHER}) exists`, found: 'it does not' };
    expect(await check(settings, (o) => o.ous.delete('Other'))).toEqual(gone);
    expect(
      await check(settings, (o) => o.ous.set('Other', { ...o.ous.get('Other')!, id: 'ou-replaced' })),
    ).toEqual(gone);
    expect(await check(settings, (_o, c) => delete (c.target as { ouId?: string }).ouId)).toEqual({
      state: 'stale',
      expected: 'OU Other (undefined) exists',
      found: 'it does not',
    });
  });
});
