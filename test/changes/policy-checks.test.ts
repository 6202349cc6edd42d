import { describe, expect, it } from 'vitest';
import type { Readiness } from '../../engine/src/changes/kind.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { checkInMemory } from '../helpers/apply-aws.js';
import { memoryAws } from '../helpers/memory-aws.js';
import {
  FULL,
  observedPolicies,
  type MemoryPolicies,
  type MemoryPolicy,
} from '../helpers/memory-policies.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ram:*","Resource":"*"}]}';
const OTHER_DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}';
const OUS = { Sandbox: { managed: true } };
const scp = (description = 'test', doc = DOC): MinimalTree => ({
  settings: { serviceControlPolicies: { p: { file: 'infra/policies/p.json', description } } },
  ous: OUS,
  files: { 'infra/policies/p.json': doc },
});
const ours = (
  content = OTHER_DOC,
  tags: Record<string, string> = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' },
): MemoryPolicy => ({
  id: 'p-0000000001',
  name: 'SpaTest-p',
  awsManaged: false,
  description: 'test',
  content,
  tags,
});

async function check(
  settings: MinimalTree,
  action: Action,
  seen: MemoryPolicy[],
  now: MemoryPolicy[] = seen,
  apply = settings,
  edit: (c: Change) => void = () => undefined,
): Promise<{ change: Change; readiness: Readiness }> {
  const org = observedOrganization({ ous: ['Sandbox'], accounts: [] });
  const state = (policies: MemoryPolicy[]): MemoryPolicies => ({
    enabled: true,
    policies: [FULL, ...policies],
    attached: { Sandbox: [FULL.id] },
  });
  const plan = planOf(minimalTree(settings), org, new Map(), {
    policies: observedPolicies(state(seen), 'SpaTest', ['Sandbox']),
  });
  const change = plan.changes.find((c) => c.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  edit(change);
  const aws = memoryAws(org, new Map(), new Map(), state(now));
  const readiness = await checkInMemory(change, aws, org, apply);
  return { change, readiness };
}

describe('the policy changes: what the plan says, and why apply refuses or finds them stale', () => {
  it('create-policy: plans the policy from its file; refused when the settings differ or do not define it', async () => {
    const { change, readiness } = await check(scp(), 'create-policy', []);
    expect(readiness).toEqual({ state: 'ready' });
    expect(change).toMatchObject({
      address: 'policy/p',
      reason: 'missing',
      summary: 'create the service control policy SpaTest-p from infra/policies/p.json',
      target: { kind: 'policy', name: 'p', awsName: 'SpaTest-p', file: 'infra/policies/p.json' },
      before: null,
      after: { description: 'test', content: DOC },
      dependsOn: [],
      precondition: { absent: true },
    });
    expect(change.provenance.content).toBe('infra/policies/p.json');
    expect((await check(scp(), 'create-policy', [], [], scp('other'))).readiness).toEqual({
      state: 'refused',
      reason: 'infra/policies/p.json or its description differs from what the plan creates',
    });
    expect((await check(scp(), 'create-policy', [], [], { ous: OUS })).readiness).toEqual({
      state: 'refused',
      reason: 'settings.yaml defines no service control policy p',
    });
    const renamed = await check(scp(), 'create-policy', [], [], scp(), (c) => {
      (c.target as { awsName: string }).awsName = 'Other-p';
    });
    expect(renamed.readiness).toEqual({ state: 'refused', reason: 'the policy p is named SpaTest-p in AWS' });
  });

  it('update-policy: plans the new text; stale when the policy is gone, not ours, or changed since', async () => {
    const { change, readiness } = await check(scp(), 'update-policy', [ours()]);
    expect(readiness).toEqual({ state: 'ready' });
    expect(change).toMatchObject({
      reason: 'differs',
      summary: 'update the service control policy SpaTest-p (p-0000000001) to infra/policies/p.json',
      target: { kind: 'policy', name: 'p', awsName: 'SpaTest-p', policyId: 'p-0000000001' },
      before: { description: 'test', content: OTHER_DOC },
      after: { description: 'test', content: DOC },
      dependsOn: [],
      precondition: { description: 'test' },
    });
    expect(change.provenance.content).toBe('infra/policies/p.json');
    expect((await check(scp(), 'update-policy', [ours()], [])).readiness).toEqual({
      state: 'stale',
      expected: 'policy p-0000000001 exists',
      found: 'it does not',
    });
    expect((await check(scp(), 'update-policy', [ours()], [ours(OTHER_DOC, {})])).readiness).toEqual({
      state: 'stale',
      expected: 'policy p-0000000001 carries the tags of this environment',
      found: 'it does not',
    });
    expect((await check(scp(), 'update-policy', [ours()], [ours(DOC)])).readiness).toEqual({ state: 'done' });
    const third = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}';
    expect((await check(scp(), 'update-policy', [ours()], [ours(third)])).readiness).toEqual({
      state: 'stale',
      expected: 'the document and description the plan saw',
      found: 'another one',
    });
    expect(
      (await check(scp(), 'update-policy', [ours()], [{ ...ours(), description: 'edited' }])).readiness,
    ).toEqual({
      state: 'stale',
      expected: 'the document and description the plan saw',
      found: 'another one',
    });
    expect((await check(scp(), 'update-policy', [ours()], [ours()], scp('other'))).readiness).toEqual({
      state: 'refused',
      reason: 'infra/policies/p.json or its description differs from what the plan writes',
    });
  });
});
