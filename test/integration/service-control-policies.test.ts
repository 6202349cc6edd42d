import { AttachPolicyCommand, CreatePolicyCommand, DetachPolicyCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../engine/src/plan/types.js';
import { readPolicies, type SeedSpec } from '../support/seed.js';
import {
  expectValid,
  minimalFor,
  startEmulator,
  workspace,
  type Emulator,
  type Workspace,
} from '../helpers/org.js';
import type { MinimalTree } from '../helpers/tree.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const ROOT = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "DenyRoot", "Effect": "Deny", "Action": "*", "Resource": "*",
      "Condition": { "StringLike": { "aws:PrincipalArn": ["arn:aws:iam::*:root"] } } }
  ]
}`;
const LEAVE =
  '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}}';
const minified = (doc: string) => JSON.stringify(JSON.parse(doc));
const OURS = { 'managed-by': 'spa', 'spa-environment': 'SpaTest' };

const SEED: SeedSpec = { ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'] };
const settings = (ous: MinimalTree['ous'], root = ROOT): MinimalTree => ({
  settings: {
    serviceControlPolicies: {
      root: { file: 'infra/policies/root.json', description: 'Deny the root user' },
      leave: { file: 'infra/policies/leave.json' },
    },
  },
  ous: { Sandbox: { managed: true }, 'Sandbox/Personal': {}, Workloads: {}, ...ous },
  files: { 'infra/policies/root.json': root, 'infra/policies/leave.json': LEAVE },
});
const V1 = settings({
  Sandbox: { managed: true, serviceControlPolicies: { attach: ['root'] } },
  'Sandbox/Team': { serviceControlPolicies: { attach: ['leave'], inherit: false } },
  Workloads: { serviceControlPolicies: { attach: ['leave'] } },
});

async function withWorkspace(seed: SeedSpec, tree: MinimalTree, test: (ws: Workspace) => Promise<void>) {
  const ws = await workspace(emulator, seed, minimalFor(tree));
  try {
    await test(ws);
  } finally {
    ws.cleanup();
  }
}

async function applyAll(ws: Workspace): Promise<void> {
  const { outcome } = await ws.apply(['--allow-large']);
  expect(outcome.summary.failed, JSON.stringify(outcome.results.filter((r) => r.status === 'failed'))).toBe(
    0,
  );
}

/** spa plan, its plan file read back whatever its exit code. */
async function planOnly(ws: Workspace): Promise<{ code: number; plan: Plan }> {
  const r = await ws.spa(['plan', '--out', 'plan.json']);
  const plan = JSON.parse(ws.read('plan.json')) as Plan;
  expectValid('plan.schema.json', plan);
  return { code: r.code, plan };
}

const byName = async (ws: Workspace) => new Map((await readPolicies(ws.aws)).map((p) => [p.name, p]));

describe('service control policies, against the emulator', () => {
  it('creates the policies, attaches them to the OUs that list them and below, reads them back, and plans nothing more', async () => {
    await withWorkspace(SEED, V1, async (ws) => {
      const { plan } = await ws.plan();
      expect(
        plan.changes.filter((c) => c.address.startsWith('policy/')).map((c) => `${c.action} ${c.address}`),
      ).toEqual([
        'create-policy policy/leave',
        'create-policy policy/root',
        'attach-policy policy/leave/ou/Sandbox/Team',
        'attach-policy policy/leave/ou/Workloads',
        'attach-policy policy/root/ou/Sandbox',
        'attach-policy policy/root/ou/Sandbox/Personal',
      ]);
      await applyAll(ws);
      const aws = await byName(ws);
      expect(aws.get('SpaTest-root')).toMatchObject({
        description: 'Deny the root user',
        content: minified(ROOT),
        tags: OURS,
        targets: ['Sandbox', 'Sandbox/Personal'],
      });
      // Sandbox/Team says inherit: false: only its own list is attached to it.
      expect(aws.get('SpaTest-leave')).toMatchObject({ tags: OURS, targets: ['Sandbox/Team', 'Workloads'] });
      expect(aws.get('FullAWSAccess')!.targets).toEqual(
        expect.arrayContaining(['', 'Sandbox', 'Sandbox/Personal', 'Sandbox/Team', 'Workloads']),
      );
      expect((await ws.plan()).plan.changes).toEqual([]);
    });
  });

  it('updates a changed document, detaches only its own policies, and refuses a detach that could lock accounts out', async () => {
    await withWorkspace(SEED, V1, async (ws) => {
      await ws.plan();
      await applyAll(ws);
      const org = ws.aws.organizations;
      const sandbox = ws.seeded.ouIds.get('Sandbox')!;
      const hand = await org.send(
        new CreatePolicyCommand({
          Name: 'hand-made',
          Description: 'x',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: LEAVE,
        }),
      );
      await org.send(
        new AttachPolicyCommand({ PolicyId: hand.Policy!.PolicySummary!.Id!, TargetId: sandbox }),
      );
      const V2 = settings(
        {
          Sandbox: { managed: true, serviceControlPolicies: { attach: ['leave'] } },
          'Sandbox/Team': { serviceControlPolicies: { attach: ['leave'], inherit: false } },
          Workloads: { serviceControlPolicies: { attach: ['leave'] } },
        },
        ROOT.replace('DenyRoot', 'DenyTheRootUser'),
      );
      for (const [path, text] of Object.entries(minimalFor(V2)(ws.managementAccountId))) ws.write(path, text);
      const { plan } = await ws.plan();
      expect(
        plan.changes.filter((c) => c.address.startsWith('policy/')).map((c) => `${c.action} ${c.address}`),
      ).toEqual([
        'update-policy policy/root',
        'attach-policy policy/leave/ou/Sandbox',
        'attach-policy policy/leave/ou/Sandbox/Personal',
        'detach-policy policy/root/ou/Sandbox',
        'detach-policy policy/root/ou/Sandbox/Personal',
      ]);
      await applyAll(ws);
      const aws = await byName(ws);
      expect(aws.get('SpaTest-root')).toMatchObject({
        content: minified(V2.files!['infra/policies/root.json']!),
        targets: [],
      });
      expect(aws.get('hand-made')!.targets).toEqual(['Sandbox']);
      expect(aws.get('FullAWSAccess')!.targets).toEqual(
        expect.arrayContaining(['Sandbox', 'Sandbox/Personal']),
      );
      expect((await ws.plan()).plan.changes).toEqual([]);

      // FullAWSAccess taken off by hand: detaching would leave the accounts without any allow.
      await org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: sandbox }));
      ws.write(
        'organizational-units/Sandbox.yaml',
        ws.read('organizational-units/Sandbox.yaml').replace(/serviceControlPolicies:[\s\S]*$/, ''),
      );
      const refused = await planOnly(ws);
      expect(refused.code).toBe(1);
      expect(refused.plan.findings).toContainEqual(
        expect.objectContaining({
          kind: 'detach-refused',
          severity: 'error',
          address: 'policy/leave/ou/Sandbox',
        }),
      );
      expect(
        refused.plan.changes.some(
          (c) => c.action === 'detach-policy' && c.address === 'policy/leave/ou/Sandbox',
        ),
      ).toBe(false);
    });
  });

  it('reports SCPs disabled on the root, and a policy name it did not create, as errors', async () => {
    await withWorkspace({ ...SEED, enabled: { serviceControlPolicies: false } }, V1, async (ws) => {
      emulator.gateway.resetCounts();
      const { code, plan } = await planOnly(ws);
      expect(code).toBe(1);
      expect(plan.findings).toContainEqual(
        expect.objectContaining({ kind: 'scp-disabled', severity: 'error' }),
      );
      expect(plan.changes.some((c) => c.address.startsWith('policy/'))).toBe(false);
      expect(emulator.gateway.calls.get('ListPoliciesForTarget')).toBeUndefined();
    });
    await withWorkspace(SEED, V1, async (ws) => {
      await ws.aws.organizations.send(
        new CreatePolicyCommand({
          Name: 'SpaTest-root',
          Description: 'x',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: LEAVE,
        }),
      );
      const { code, plan } = await planOnly(ws);
      expect(code).toBe(1);
      expect(plan.findings).toContainEqual(
        expect.objectContaining({ kind: 'policy-name-taken', severity: 'error' }),
      );
      expect(plan.changes.some((c) => c.address === 'policy/root')).toBe(false);
    });
  });
});
