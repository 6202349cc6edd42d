import { describe, expect, it } from 'vitest';
import type { Plan } from '../../engine/src/plan/types.js';
import {
  FULL,
  observedPolicies,
  type MemoryPolicies,
  type MemoryPolicy,
} from '../helpers/memory-policies.js';
import { observedOrganization, planOf } from '../helpers/observed.js';
import { minimalTree, type MinimalTree } from '../helpers/tree.js';

const ROOT =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}';
const LEAVE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}';
const TAGS = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' };

/** Settings that define the policies root and leave, with these OU files. */
const settings = (ous: MinimalTree['ous'], docs = { root: ROOT, leave: LEAVE }): MinimalTree => ({
  settings: {
    serviceControlPolicies: {
      root: { file: 'infra/policies/root.json', description: 'no root' },
      leave: { file: 'infra/policies/leave.json' },
    },
  },
  ous: ous ?? {},
  files: { 'infra/policies/root.json': docs.root, 'infra/policies/leave.json': docs.leave },
});
const ours = (id: string, name: string, content: string, description = ''): MemoryPolicy => ({
  id,
  name: `SpaTest-${name}`,
  awsManaged: false,
  description,
  content,
  tags: TAGS,
});

function plan(spec: MinimalTree, aws: Partial<MemoryPolicies> & { ous?: string[] } = {}): Plan {
  const observed = observedOrganization({ ous: aws.ous ?? ['Sandbox', 'Sandbox/Personal'], accounts: [] });
  const state: MemoryPolicies = {
    enabled: aws.enabled ?? true,
    policies: [FULL, ...(aws.policies ?? [])],
    attached: aws.attached ?? Object.fromEntries([...observed.ous.keys()].map((p) => [p, [FULL.id]])),
  };
  return planOf(minimalTree(spec), observed, new Map(), {
    policies: observedPolicies(state, 'SpaTest', [...observed.ous.keys()]),
  });
}
const summary = (p: Plan) => p.changes.map((c) => `${c.action} ${c.address}`);

describe('service control policies', () => {
  it('creates the policies settings.yaml defines and attaches them to the OUs that list them and below', () => {
    const p = plan(
      settings({
        Sandbox: { serviceControlPolicies: { attach: ['root'] } },
        'Sandbox/Personal': {},
        'Sandbox/New': {},
      }),
    );
    expect(summary(p)).toEqual([
      'create-ou ou/Sandbox/New',
      'create-policy policy/leave',
      'create-policy policy/root',
      'attach-policy policy/root/ou/Sandbox',
      'attach-policy policy/root/ou/Sandbox/New',
      'attach-policy policy/root/ou/Sandbox/Personal',
    ]);
    expect(p.changes.find((c) => c.address === 'policy/root')).toMatchObject({
      target: { kind: 'policy', name: 'root', awsName: 'SpaTest-root', file: 'infra/policies/root.json' },
      before: null,
      after: { description: 'no root', content: ROOT },
      provenance: { content: 'infra/policies/root.json', description: 'settings.yaml:7' },
    });
    const nested = p.changes.find((c) => c.address === 'policy/root/ou/Sandbox/New')!;
    expect(nested).toMatchObject({
      summary:
        'attach the service control policy SpaTest-root to OU Sandbox/New (inherited from organizational-units/Sandbox.yaml)',
      target: {
        kind: 'policy-attachment',
        policy: 'root',
        path: 'Sandbox/New',
        file: 'organizational-units/Sandbox/New.yaml',
      },
      provenance: { attached: 'organizational-units/Sandbox.yaml:4' },
      dependsOn: ['create-policy:policy/root', 'create-ou:ou/Sandbox/New'],
    });
    expect(p.findings).toEqual([]);
  });

  it('stops inheriting at an OU that says inherit: false', () => {
    const p = plan(
      settings({
        Sandbox: { serviceControlPolicies: { attach: ['root'] } },
        'Sandbox/Personal': { serviceControlPolicies: { attach: ['leave'], inherit: false } },
      }),
    );
    expect(summary(p).filter((s) => s.startsWith('attach'))).toEqual([
      'attach-policy policy/leave/ou/Sandbox/Personal',
      'attach-policy policy/root/ou/Sandbox',
    ]);
  });

  it('updates a document or description of its own policies that differs, not one that differs in whitespace only', () => {
    const spec = settings({ Sandbox: {} });
    const pretty = JSON.stringify(JSON.parse(ROOT), null, 2);
    const p = plan(spec, {
      policies: [ours('p-0000000001', 'root', pretty, 'no root'), ours('p-0000000002', 'leave', ROOT)],
    });
    expect(summary(p)).toEqual(['update-policy policy/leave']);
    expect(p.changes[0]).toMatchObject({
      target: { policyId: 'p-0000000002' },
      before: { content: ROOT, description: '' },
      after: { content: LEAVE, description: '' },
      precondition: { description: '' },
    });
  });

  it('detaches its own policies that an OU no longer lists, never FullAWSAccess nor a policy it did not create', () => {
    const foreign: MemoryPolicy = { ...ours('p-0000000009', 'other', LEAVE), tags: {} };
    const p = plan(settings({ Sandbox: {} }), {
      policies: [
        ours('p-0000000001', 'root', ROOT, 'no root'),
        ours('p-0000000002', 'leave', LEAVE),
        foreign,
      ],
      attached: { Sandbox: [FULL.id, 'p-0000000001', 'p-0000000009'], 'Sandbox/Personal': [FULL.id] },
    });
    expect(summary(p)).toEqual(['detach-policy policy/root/ou/Sandbox']);
    expect(p.changes[0]).toMatchObject({
      destructive: true,
      target: { policyId: 'p-0000000001', ouId: 'ou-root-00000000' },
    });
    expect(p.large.isLarge).toBe(true);
  });

  it('refuses to detach when FullAWSAccess is not attached, with an error', () => {
    const p = plan(settings({ Sandbox: {} }), {
      policies: [ours('p-0000000001', 'root', ROOT, 'no root'), ours('p-0000000002', 'leave', LEAVE)],
      attached: { Sandbox: ['p-0000000001', 'p-0000000002'], 'Sandbox/Personal': [FULL.id] },
    });
    expect(summary(p)).toEqual([]);
    expect(p.findings.map((f) => [f.kind, f.severity])).toEqual([
      ['detach-refused', 'error'],
      ['detach-refused', 'error'],
    ]);
    expect(p.findings[0]!.message).toContain('FullAWSAccess is not attached');
  });

  it('reports a policy no longer defined, and detaches it from the OUs of the settings', () => {
    const p = plan(
      { ...settings({ Sandbox: {} }), settings: { serviceControlPolicies: {} }, files: {} },
      { policies: [ours('p-0000000001', 'root', ROOT)], attached: { Sandbox: [FULL.id, 'p-0000000001'] } },
    );
    expect(summary(p)).toEqual(['detach-policy policy/root/ou/Sandbox']);
    expect(p.findings).toEqual([
      expect.objectContaining({ kind: 'policy-not-in-settings', severity: 'info' }),
    ]);
  });

  it('does not take over a policy of the same name that it did not create', () => {
    const p = plan(settings({ Sandbox: { serviceControlPolicies: { attach: ['root'] } } }), {
      policies: [{ ...ours('p-0000000001', 'root', ROOT), tags: { owner: 'security' } }],
    });
    expect(summary(p)).toEqual(['create-policy policy/leave']);
    expect(p.findings).toEqual([
      expect.objectContaining({ kind: 'policy-name-taken', severity: 'error', line: 7 }),
    ]);
  });

  it('reports an error when SCPs are not enabled on the root, and plans nothing for them', () => {
    const p = plan(settings({ Sandbox: { serviceControlPolicies: { attach: ['root'] } } }), {
      enabled: false,
    });
    expect(summary(p)).toEqual([]);
    expect(p.findings).toEqual([expect.objectContaining({ kind: 'scp-disabled', severity: 'error' })]);
    expect(p.findings[0]!.message).toContain(
      'enable-policy-type --root-id r-root --policy-type SERVICE_CONTROL_POLICY',
    );
    expect(plan({ ous: { Sandbox: {} } }, { enabled: false }).findings).toEqual([]);
  });

  it('counts the policies attached by hand against the 5 AWS allows per OU', () => {
    const hand = (i: number): MemoryPolicy => ({
      ...ours(`p-000000001${i}`, `hand-${i}`, LEAVE),
      name: `hand-${i}`,
      tags: {},
    });
    const p = plan(settings({ Sandbox: { serviceControlPolicies: { attach: ['root', 'leave'] } } }), {
      policies: [hand(1), hand(2), hand(3)],
      attached: {
        Sandbox: [FULL.id, 'p-0000000011', 'p-0000000012', 'p-0000000013'],
        'Sandbox/Personal': [FULL.id],
      },
    });
    expect(p.findings).toContainEqual(
      expect.objectContaining({
        kind: 'too-many-policies',
        severity: 'error',
        file: 'organizational-units/Sandbox.yaml',
      }),
    );
  });
});
