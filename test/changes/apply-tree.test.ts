import { describe, expect, it } from 'vitest';
import { executeChange } from '../../engine/src/changes/registry.js';
import { EngineError } from '../../engine/src/domain/errors.js';
import type { Action, Change } from '../../engine/src/plan/types.js';
import { applyAws } from '../helpers/apply-aws.js';
import {
  FULL,
  observedPolicies,
  type MemoryPolicies,
  type MemoryPolicy,
} from '../helpers/memory-policies.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const OUS: Record<string, Record<string, unknown>> = {
  Sandbox: { managed: true },
  Other: { managed: false },
};
const MARK = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' };
const DOC =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}';
const OURS: MemoryPolicy = {
  id: 'p-0000000001',
  name: 'SpaTest-p',
  awsManaged: false,
  description: 'test',
  content: DOC,
  tags: MARK,
};
const scp = (ous: Record<string, Record<string, unknown>>, description = 'test'): MinimalTree => ({
  settings: { serviceControlPolicies: { p: { file: 'infra/policies/p.json', description } } },
  ous: { ...OUS, ...ous },
  files: { 'infra/policies/p.json': DOC },
});

/** The change of `action` in the plan of these settings, and AWS in memory as the plan saw it. */
function planned(
  settings: MinimalTree,
  action: Action,
  policies?: MemoryPolicies,
  ous = ['Sandbox', 'Other'],
) {
  const org = observedOrganization({ ous, accounts: [] });
  const state = policies ?? {
    enabled: true,
    policies: [FULL],
    attached: { Sandbox: [FULL.id], Other: [FULL.id] },
  };
  const plan = planOf(minimalTree({ ...settings, ous: settings.ous ?? OUS }), org, new Map(), {
    policies: observedPolicies(state, 'SpaTest', [...org.ous.keys()]),
  });
  const change = plan.changes.find((c) => c.action === action) as Change;
  expect(change, `the plan has a ${action}`).toBeDefined();
  return { change, org, ...applyAws(org, { policies: state }) };
}

async function failure(run: Promise<unknown>): Promise<EngineError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('the apply step of the OU and policy changes', () => {
  it('create-ou: plans the OU with its declared tags and creates it under its parent with the mark', async () => {
    const { change, ctx, calls } = planned(
      { ous: { ...OUS, 'Other/New': { ouTags: { team: 'x' } } } },
      'create-ou',
    );
    expect(change).toMatchObject({
      address: 'ou/Other/New',
      summary: expect.stringMatching(/^create OU Other\/New with tags .*team=x/) as string,
      target: { kind: 'ou', name: 'Other/New', path: 'Other/New' },
      after: { name: 'New', parentPath: 'Other' },
      precondition: { parentPath: 'Other', absent: true },
      dependsOn: [],
    });
    expect(change.provenance.ou).toMatch(/^organizational-units\/Other\/New\.yaml:1$/);
    expect(change.provenance['tags.team']).toMatch(/^organizational-units\/Other\/New\.yaml:\d+/);
    const done = await executeChange(change, ctx);
    expect(done).toEqual({ changed: true, message: 'created OU Other/New', resourceId: 'ou-new-new' });
    expect(calls).toEqual([['createOu', 'ou-root-00000001', 'New', { ...MARK, team: 'x' }]]);
    expect(await ctx.world.ouId('Other/New')).toBe('ou-new-new');
    // Run again: the OU exists, nothing is written.
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'OU Other/New exists',
      resourceId: 'ou-new-new',
    });
    expect(calls).toHaveLength(1);
  });

  it('create-ou: an OU without declared tags says none; its parent planned first is a dependency', () => {
    const { change } = planned({ ous: { ...OUS, 'Other/New': {} } }, 'create-ou');
    expect(change.summary).toBe(
      `create OU Other/New with tags ${Object.entries(MARK)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
    const nested = planOf(
      minimalTree({ ous: { ...OUS, Top: {}, 'Top/Down': {} } }),
      observedOrganization({ ous: ['Sandbox', 'Other'], accounts: [] }),
    ).changes.find((c) => c.address === 'ou/Top/Down')!;
    expect(nested.dependsOn).toEqual(['create-ou:ou/Top']);
  });

  it('create-ou: refuses to create an OU whose parent is gone', async () => {
    const { change, ctx, org, calls } = planned({ ous: { ...OUS, 'Other/New': {} } }, 'create-ou');
    org.ous.delete('Other');
    const error = await failure(executeChange(change, ctx));
    expect(error.code).toBe('parent-ou-missing');
    expect(error.message).toBe('parent OU Other of Other/New does not exist');
    expect(calls).toEqual([]);
  });

  it('create-ou: a lost answer is taken for a success when the OU is found afterwards, else it fails', async () => {
    const lost = new Error('lost answer');
    const first = planned({ ous: { ...OUS, 'Other/New': {} } }, 'create-ou');
    first.ctx.writer.createOu = (parentId, name) => {
      first.org.ous.set('Other/New', { id: 'ou-found', name, path: 'Other/New', parentId, tags: {} });
      return Promise.reject(lost);
    };
    expect(await executeChange(first.change, first.ctx)).toEqual({
      changed: true,
      message: 'created OU Other/New',
      resourceId: 'ou-found',
    });
    expect(await first.ctx.world.ouId('Other/New')).toBe('ou-found');
    const second = planned({ ous: { ...OUS, 'Other/New': {} } }, 'create-ou');
    second.ctx.writer.createOu = () => Promise.reject(lost);
    await expect(executeChange(second.change, second.ctx)).rejects.toBe(lost);
  });

  it('tag-ou: writes the tags it sets and removes the ones it unsets, and says which', async () => {
    const { change, ctx, calls } = planned({ ous: { ...OUS, Other: { ouTags: { team: 'x' } } } }, 'tag-ou');
    (change.after as { tags: Record<string, string | null> }).tags.old = null;
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'set team; removed old',
      resourceId: 'ou-root-00000001',
    });
    expect(calls).toEqual([
      ['tagResource', 'ou-root-00000001', { team: 'x' }],
      ['untagResource', 'ou-root-00000001', ['old']],
    ]);
    (change.after as { tags: Record<string, string | null> }).tags = { old: null };
    expect((await executeChange(change, ctx)).message).toBe('removed old');
  });

  it('create-policy: creates the policy with its document and the mark, once', async () => {
    const { change, ctx, calls } = planned(scp({}), 'create-policy');
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'created SpaTest-p',
      resourceId: 'p-SpaTest-p',
    });
    expect(calls).toEqual([
      ['createPolicy', { awsName: 'SpaTest-p', description: 'test', content: DOC, tags: MARK }],
    ]);
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'policy SpaTest-p exists',
      resourceId: 'p-SpaTest-p',
    });
    expect(calls).toHaveLength(1);
  });

  it('create-policy: a lost answer is a success when the policy is found afterwards, else it fails', async () => {
    const lost = new Error('lost answer');
    const first = planned(scp({}), 'create-policy');
    first.ctx.policies.createPolicy = () => {
      first.policies.policies.push({ ...OURS, id: 'p-found' });
      return Promise.reject(lost);
    };
    expect(await executeChange(first.change, first.ctx)).toEqual({
      changed: true,
      message: 'created SpaTest-p',
      resourceId: 'p-found',
    });
    const second = planned(scp({}), 'create-policy');
    second.ctx.policies.createPolicy = () => Promise.reject(lost);
    await expect(executeChange(second.change, second.ctx)).rejects.toBe(lost);
  });

  it('update-policy: writes the new description and document', async () => {
    const state = { enabled: true, policies: [FULL, OURS], attached: {} };
    const { change, ctx, calls } = planned(scp({}, 'changed'), 'update-policy', state);
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'updated SpaTest-p',
      resourceId: 'p-0000000001',
    });
    expect(calls).toEqual([['updatePolicy', 'p-0000000001', { description: 'changed', content: DOC }]]);
  });

  it('attach-policy: attaches the policy to the OU, finding the ids a policy or OU created by this plan has', async () => {
    const attach = { Sandbox: { managed: true, serviceControlPolicies: { attach: ['p'] } } };
    const state = {
      enabled: true,
      policies: [FULL, OURS],
      attached: { Sandbox: [FULL.id], Other: [FULL.id] },
    };
    const known = planned(scp(attach), 'attach-policy', state);
    expect(await executeChange(known.change, known.ctx)).toEqual({
      changed: true,
      message: 'attached to Sandbox',
      resourceId: 'p-0000000001',
    });
    expect(known.calls).toEqual([['attachPolicy', 'p-0000000001', 'ou-root-00000000']]);
    const fresh = planned(scp(attach), 'attach-policy', state);
    delete (fresh.change.target as { policyId?: string }).policyId;
    delete (fresh.change.target as { ouId?: string }).ouId;
    fresh.ctx.policies.attachPolicy = () => Promise.resolve(false);
    expect(await executeChange(fresh.change, fresh.ctx)).toEqual({
      changed: false,
      message: 'already attached',
      resourceId: 'p-0000000001',
    });
  });

  it('attach-policy: refuses when the policy or the OU is gone', async () => {
    const attach = { Sandbox: { managed: true, serviceControlPolicies: { attach: ['p'] } } };
    const state = {
      enabled: true,
      policies: [FULL, OURS],
      attached: { Sandbox: [FULL.id], Other: [FULL.id] },
    };
    const gone = planned(scp(attach), 'attach-policy', state);
    delete (gone.change.target as { ouId?: string }).ouId;
    gone.org.ous.delete('Sandbox');
    const error = await failure(executeChange(gone.change, gone.ctx));
    expect(error.code).toBe('policy-target-missing');
    expect(error.message).toBe('policy SpaTest-p or OU Sandbox does not exist');
    const noPolicy = planned(scp(attach), 'attach-policy', state);
    delete (noPolicy.change.target as { policyId?: string }).policyId;
    noPolicy.policies.policies.pop();
    expect((await failure(executeChange(noPolicy.change, noPolicy.ctx))).code).toBe('policy-target-missing');
    expect(noPolicy.calls).toEqual([]);
  });

  it('detach-policy: detaches the policy from the OU, and says when it was not attached', async () => {
    const state = {
      enabled: true,
      policies: [FULL, OURS],
      attached: { Sandbox: [FULL.id, OURS.id], Other: [FULL.id] },
    };
    const { change, ctx, calls } = planned(scp({}), 'detach-policy', state);
    expect(await executeChange(change, ctx)).toEqual({
      changed: true,
      message: 'detached from Sandbox',
      resourceId: 'p-0000000001',
    });
    expect(calls).toEqual([['detachPolicy', 'p-0000000001', 'ou-root-00000000']]);
    ctx.policies.detachPolicy = () => Promise.resolve(false);
    expect(await executeChange(change, ctx)).toEqual({
      changed: false,
      message: 'not attached',
      resourceId: 'p-0000000001',
    });
  });

  it('plans an attachment and a detachment with their policy, OU, reason and precondition', () => {
    const attach = { Sandbox: { managed: true, serviceControlPolicies: { attach: ['p'] } } };
    const state = {
      enabled: true,
      policies: [FULL, OURS],
      attached: { Sandbox: [FULL.id], Other: [FULL.id] },
    };
    const attached = planned(scp(attach), 'attach-policy', state).change;
    expect(attached).toMatchObject({
      address: expect.stringContaining('Sandbox') as string,
      reason: 'missing',
      summary: 'attach the service control policy SpaTest-p to OU Sandbox',
      target: {
        kind: 'policy-attachment',
        name: 'p on Sandbox',
        policy: 'p',
        awsName: 'SpaTest-p',
        policyId: 'p-0000000001',
        path: 'Sandbox',
        ouId: 'ou-root-00000000',
        file: 'organizational-units/Sandbox.yaml',
      },
      before: { attached: false },
      after: { attached: true },
      precondition: { attached: false },
    });
    expect(attached.provenance.attached).toMatch(/^organizational-units\/Sandbox\.yaml:\d+/);
    const detachState = { ...state, attached: { Sandbox: [FULL.id, OURS.id], Other: [FULL.id] } };
    const detached = planned(scp({}), 'detach-policy', detachState).change;
    expect(detached).toMatchObject({
      address: attached.address,
      reason: 'unset',
      summary:
        'detach the service control policy SpaTest-p from OU Sandbox: the accounts below lose its protection',
      target: {
        kind: 'policy-attachment',
        name: 'p on Sandbox',
        policy: 'p',
        awsName: 'SpaTest-p',
        policyId: 'p-0000000001',
        path: 'Sandbox',
        ouId: 'ou-root-00000000',
        file: 'organizational-units/Sandbox.yaml',
      },
      before: { attached: true },
      after: { attached: false },
      provenance: { attached: 'organizational-units/Sandbox.yaml (no longer lists p)' },
      precondition: { attached: true, fullAwsAccess: true },
    });
  });
});
