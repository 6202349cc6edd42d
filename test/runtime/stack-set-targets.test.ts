import {
  CloudFormationClient,
  CreateStackSetCommand,
  ListStackInstancesCommand,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { runtimeWorld, type RuntimeWorld } from '../helpers/runtime.js';

// moto lacks the OU targets of StackSets: the test gateway keeps them (test/support/stack-set-targets.ts).

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const SETTINGS = {
  ous: { Sandbox: { managed: true }, 'Sandbox/Personal': { managed: true }, Lab: { managed: true } },
};
const SEED = {
  ous: ['Sandbox', 'Sandbox/Personal', 'Lab', 'Old'],
  accounts: [
    { name: 'alice', email: 'alice@example.com', ou: 'Sandbox/Personal' },
    { name: 'bob', email: 'bob@example.com', ou: 'Lab' },
    { name: 'carol', email: 'carol@example.com', ou: 'Old' },
  ],
};
const STACK_SET = 'SpaTest-member-accounts';
const TEMPLATE = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });

describe('the OU targets of the member StackSet, kept in step by spa publish and checked by spa doctor', () => {
  let w: RuntimeWorld;
  let cloudFormation: CloudFormationClient;
  const ou = (path: string) => w.ws.seeded.ouIds.get(path)!;
  const account = (name: string) => w.ws.seeded.accountIds.get(`${name}@example.com`)!;
  /** The accounts and regions that have the member stack, as moto deployed them. */
  const instances = async () => {
    const out = await cloudFormation.send(new ListStackInstancesCommand({ StackSetName: STACK_SET }));
    const byAccount = new Map<string, string[]>();
    for (const i of out.Summaries ?? [])
      byAccount.set(i.Account!, [...(byAccount.get(i.Account!) ?? []), i.Region!]);
    return Object.fromEntries([...byAccount].map(([a, regions]) => [a, regions.sort()]));
  };
  const doctorCheck = async () => {
    const r = await w.ws.spa(['doctor', '--format', 'json']);
    const report = JSON.parse(r.stdout) as {
      checks: { id: string; status: string; summary: string; fix?: string }[];
    };
    return report.checks.find((c) => c.id === 'member-stack-set-targets')!;
  };

  beforeAll(async () => {
    w = await runtimeWorld(emulator, SEED, SETTINGS);
    cloudFormation = new CloudFormationClient({
      endpoint: emulator.gateway.endpoint,
      region: 'us-east-1',
      credentials: w.ws.aws.credentials,
    });
  }, 120_000);

  it('says so when the StackSet is not deployed, and publishes the rest', async () => {
    const r = await w.ws.spa(['publish', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `StackSet ${STACK_SET}: not deployed, no OU targets to keep (npx cdk deploy --all)`,
    );
    const check = await doctorCheck();
    expect(check).toMatchObject({ status: 'missing', fix: expect.stringContaining('cdk deploy') as string });
  });

  it('says which OUs it would target without --yes, and changes nothing', async () => {
    await cloudFormation.send(
      new CreateStackSetCommand({
        StackSetName: STACK_SET,
        TemplateBody: TEMPLATE,
        PermissionModel: 'SERVICE_MANAGED',
      }),
    );
    const r = await w.ws.spa(['publish']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: would add target Lab (${ou('Lab')})\n`);
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: would add target Sandbox (${ou('Sandbox')})\n`);
    expect(r.stdout).not.toContain('Sandbox/Personal');
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: 2 OU target(s) to add, 0 to remove, 0 unchanged\n`);
    expect(r.stderr).toContain('dry run: the StackSet targets did not change. Run again with --yes');
    expect(await instances()).toEqual({});
  });

  it('reports the managed OUs the StackSet does not target, with the command that fixes it', async () => {
    const check = await doctorCheck();
    expect(check.status).toBe('missing');
    expect(check.summary).toBe(
      `managed OU(s) the StackSet does not target: Lab (${ou('Lab')}), Sandbox (${ou('Sandbox')})`,
    );
    expect(check.fix).toContain('npx spa publish --yes');
  });

  it('targets the outermost managed OUs with --yes: their accounts get the member stack in every region', async () => {
    const r = await w.ws.spa(['publish', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /: 2 OU target\(s\) added, 0 removed, 0 unchanged \(operation [0-9a-f-]{36}\)\n/,
    );
    const regions = ['eu-west-1', 'us-east-1'];
    expect(await instances()).toEqual({ [account('alice')]: regions, [account('bob')]: regions });
    const check = await doctorCheck();
    expect(check).toMatchObject({ status: 'ok' });
    expect(check.summary).toContain(
      `targets the managed OUs: Lab (${ou('Lab')}), Sandbox (${ou('Sandbox')})`,
    );
  });

  it('is idempotent: a second run changes nothing', async () => {
    const r = await w.ws.spa(['publish', '--yes']);
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: 0 OU target(s) added, 0 removed, 2 unchanged\n`);
    expect(Object.keys(await instances())).toHaveLength(2);
  });

  it('follows OUs added to and removed from management, and the doctor sees the gap until then', async () => {
    w.ws.write('organizational-units/Lab.yaml', 'managed: false\n');
    w.ws.write('organizational-units/Old.yaml', 'managed: true\n');
    const check = await doctorCheck();
    expect(check.status).toBe('missing');
    expect(check.summary).toBe(
      `managed OU(s) the StackSet does not target: Old (${ou('Old')}); ` +
        `OU(s) the StackSet targets, no longer managed: Lab (${ou('Lab')})`,
    );
    const r = await w.ws.spa(['publish', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: added target Old (${ou('Old')})\n`);
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: removed target Lab (${ou('Lab')})\n`);
    expect(r.stdout).toMatch(
      /: 1 OU target\(s\) added, 1 removed, 1 unchanged \(operation [0-9a-f-]{36}, [0-9a-f-]{36}\)\n/,
    );
    expect(Object.keys(await instances()).sort()).toEqual([account('alice'), account('carol')].sort());
    expect((await doctorCheck()).status).toBe('ok');
  });

  it('names a managed OU that does not exist yet, and says to create it first', async () => {
    w.ws.write('organizational-units/New.yaml', 'managed: true\n');
    const r = await w.ws.spa(['publish']);
    expect(r.stdout).toContain(
      `StackSet ${STACK_SET}: managed OU New is not in the organization yet (spa apply creates it)\n`,
    );
    expect(r.stdout).toContain(`StackSet ${STACK_SET}: 0 OU target(s) to add, 0 to remove, 2 unchanged\n`);
    const check = await doctorCheck();
    expect(check).toMatchObject({
      status: 'missing',
      summary: 'managed OU(s) not in the organization yet: New',
      fix: expect.stringMatching(
        /^npx spa plan --out plan\.json, npx spa apply plan\.json .*npx spa publish --yes/,
      ) as string,
    });
  });
});
