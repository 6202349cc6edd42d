import {
  CloudFormationClient,
  CreateStackCommand,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACKSETS_PRINCIPAL } from '../../engine/src/app/operator/doctor.js';
import { startEmulator, workspace, type Emulator, type Workspace } from '../helpers/org.js';
import { runtimeTree } from '../helpers/runtime.js';

let emulator: Emulator;
let ws: Workspace;
const AUTOMATION = '333333333301';
const BUS = `arn:aws:events:eu-west-1:${AUTOMATION}:event-bus/default`;
const TEMPLATE = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });

interface Check {
  id: string;
  status: string;
  summary: string;
  fix?: string;
  manual?: boolean;
}
async function doctor(extraEnv: Record<string, string> = {}) {
  const r = await ws.spa(['doctor', '--format', 'json'], extraEnv);
  const report = r.stdout ? (JSON.parse(r.stdout) as { missing: number; checks: Check[] }) : undefined;
  const status = Object.fromEntries((report?.checks ?? []).map((c) => [c.id, c.status]));
  return { ...r, report, status };
}

async function credentialsOf(account: string): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({
    endpoint: emulator.gateway.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const c = (
    await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Admin`, RoleSessionName: 't' }),
    )
  ).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Everything the CDK app deploys and people set, made by hand in the emulator. */
async function deployByHand(): Promise<void> {
  const config = (region: string, credentials: AwsCredentialIdentity) => ({
    endpoint: emulator.gateway.endpoint,
    region,
    credentials,
    forcePathStyle: true,
  });
  const mgmt = config('us-east-1', ws.aws.credentials);
  await new CloudFormationClient(mgmt).send(
    new CreateStackCommand({ StackName: 'SpaTest-management', TemplateBody: TEMPLATE }),
  );
  await new CloudFormationClient(mgmt).send(
    new CreateStackSetCommand({
      StackSetName: 'SpaTest-member-accounts',
      TemplateBody: TEMPLATE,
      PermissionModel: 'SERVICE_MANAGED',
    }),
  );
  // The deploy targets the managed OUs (the custom resource resolves their ids).
  await new CloudFormationClient(mgmt).send(
    new CreateStackInstancesCommand({
      StackSetName: 'SpaTest-member-accounts',
      DeploymentTargets: { OrganizationalUnitIds: [ws.seeded.ouIds.get('Sandbox')!] },
      Regions: ['eu-west-1', 'us-east-1'],
    }),
  );
  const events = new EventBridgeClient(mgmt);
  await events.send(
    new PutRuleCommand({
      Name: 'SpaTest-forward-organizations',
      EventPattern: '{"source":["aws.organizations"]}',
    }),
  );
  await events.send(
    new PutTargetsCommand({ Rule: 'SpaTest-forward-organizations', Targets: [{ Id: 'bus', Arn: BUS }] }),
  );
  const iam = new IAMClient(mgmt);
  for (const role of ['SpaTest-management', 'SpaTest-github-plan', 'SpaTest-github-apply'])
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: '{}' }));
  const auto = config('eu-west-1', await credentialsOf(AUTOMATION));
  await new CloudFormationClient(auto).send(
    new CreateStackCommand({ StackName: 'SpaTest-automation', TemplateBody: TEMPLATE }),
  );
  const s3 = new S3Client(auto);
  await s3.send(
    new CreateBucketCommand({
      Bucket: `spa-runtime-${AUTOMATION}`,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    }),
  );
  await s3.send(
    new PutObjectCommand({ Bucket: `spa-runtime-${AUTOMATION}`, Key: 'settings/effective.json', Body: '{}' }),
  );
  const secrets = new SecretsManagerClient(auto);
  await secrets.send(new CreateSecretCommand({ Name: 'SpaTest/github-app', SecretString: '{"appId":1}' }));
  await secrets.send(new CreateSecretCommand({ Name: 'spa/teams/sre' }));
}

/** The two steps AWS allows no automation of. */
/** The cost allocation tags of the billing console and their status (Active, Inactive), by key. */
const allocationTags = new Map<string, string>();
const allocationQueries: unknown[] = [];

async function enableByHand(): Promise<void> {
  allocationTags.set('cost-center', 'Active');
  const mgmt = {
    endpoint: emulator.gateway.endpoint,
    region: 'us-east-1',
    credentials: ws.aws.credentials,
    forcePathStyle: true,
  };
  await ws.aws.organizations.send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: STACKSETS_PRINCIPAL }),
  );
  await new S3Client(mgmt).send(new CreateBucketCommand({ Bucket: `trail-${ws.managementAccountId}` }));
  const trails = new CloudTrailClient(mgmt);
  await trails.send(
    new CreateTrailCommand({
      Name: 'org',
      S3BucketName: `trail-${ws.managementAccountId}`,
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
    }),
  );
  await trails.send(new StartLoggingCommand({ Name: 'org' }));
}

beforeAll(async () => {
  emulator = await startEmulator();
  // moto has no ListCostAllocationTags: the gateway answers it from the tags activated in this file.
  emulator.gateway.setIntercept('ListCostAllocationTags', ({ input }) => {
    allocationQueries.push(input);
    const keys = (input.TagKeys as string[] | undefined) ?? [...allocationTags.keys()];
    const tags = keys.filter((k) => allocationTags.has(k));
    return Promise.resolve({
      CostAllocationTags: tags.map((TagKey) => ({
        TagKey,
        Type: 'UserDefined',
        Status: allocationTags.get(TagKey),
      })),
    });
  });
  ws = await workspace(
    emulator,
    { ous: ['Sandbox'] },
    runtimeTree(
      {
        ous: { Sandbox: { managed: true } },
        settings: {
          github: { repository: 'example-org/spa-settings' },
          notifications: { sre: { teamsWebhookSecret: 'spa/teams/sre' } },
        },
      },
      AUTOMATION,
    ),
  );
}, 120_000);
afterAll(async () => {
  emulator?.gateway.setIntercept('ListCostAllocationTags', undefined);
  ws?.cleanup();
  await emulator?.stop();
});

describe('spa doctor', () => {
  it('says what a fresh organization misses, each with its fix, and exits 1', async () => {
    const r = await doctor();
    expect(r.code).toBe(1);
    expect(r.status).toEqual({
      organization: 'ok',
      'organization-trail': 'missing',
      'stacksets-trusted-access': 'missing',
      'cost-allocation-tag': 'missing',
      'management-stack': 'missing',
      'organizations-forwarding': 'missing',
      roles: 'missing',
      'member-stack-set': 'missing',
      'member-stack-set-targets': 'missing',
      'automation-account': 'ok',
      'automation-stack': 'missing',
      'published-settings': 'missing',
      secrets: 'missing',
      'apply-lock': 'warning',
    });
    const trail = r.report!.checks.find((c) => c.id === 'organization-trail')!;
    expect(trail).toMatchObject({
      manual: true,
      fix: expect.stringContaining('--is-organization-trail') as string,
    });
    expect(allocationQueries.at(-1)).toEqual({ TagKeys: ['cost-center'], Type: 'UserDefined' });
    expect(r.report!.checks.find((c) => c.id === 'cost-allocation-tag')).toMatchObject({
      summary: 'billing knows no tag cost-center yet: the cost reports put every cost in NoCostCenter',
      fix: expect.stringContaining('wait up to 24 hours for billing to see it') as string,
    });
    expect(r.report!.checks.find((c) => c.id === 'roles')!.summary).toBe(
      'no role SpaTest-management, SpaTest-github-plan, SpaTest-github-apply in the management account',
    );
  });

  it('prints the same for people, the manual steps marked', async () => {
    const r = await ws.spa(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISSING {2}organization-trail +no organization trail/);
    expect(r.stdout).toContain('fix (by hand: AWS allows no automation): CloudFormation console, StackSets');
    expect(r.stdout).toMatch(/\n11 missing, 1 warning\(s\): see the fixes above\n$/);
  });

  it('says how to activate the cost center tag when billing has it inactive', async () => {
    allocationTags.set('cost-center', 'Inactive');
    const r = await doctor();
    const check = r.report!.checks.find((c) => c.id === 'cost-allocation-tag')!;
    expect(check).toMatchObject({
      status: 'missing',
      summary:
        'cost-center is not an active cost allocation tag (Inactive): the cost reports put every cost in NoCostCenter',
    });
    expect(check.fix).toContain('Billing and Cost Management console, Cost allocation tags');
    expect(check.fix).toContain(
      'aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=cost-center,Status=Active',
    );
  });

  it('names the secret left without a value once the rest is deployed', async () => {
    await deployByHand();
    await enableByHand();
    const r = await doctor();
    expect(r.code).toBe(1);
    expect(Object.entries(r.status).filter(([, s]) => s !== 'ok')).toEqual([
      ['secrets', 'missing'],
      ['apply-lock', 'warning'],
    ]);
    expect(r.report!.checks.find((c) => c.id === 'secrets')!.summary).toBe('no value in spa/teams/sre');
  });

  it('exits 0 when the deployment is complete', async () => {
    const { PutSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const auto = {
      endpoint: emulator.gateway.endpoint,
      region: 'eu-west-1',
      credentials: await credentialsOf(AUTOMATION),
    };
    await new SecretsManagerClient(auto).send(
      new PutSecretValueCommand({ SecretId: 'spa/teams/sre', SecretString: 'https://x' }),
    );
    const r = await ws.spa(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the deployment is complete (1 warning(s))');
  });

  it('exits 3 when AWS cannot be reached', async () => {
    const r = await ws.spa(['doctor'], {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      SPA_AWS_TIMEOUT_MS: '2000',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('spa doctor could not reach AWS');
  });
});
