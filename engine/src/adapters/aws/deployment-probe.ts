import { DescribeStackSetCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { ListCostAllocationTagsCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { AutomationProbe, ManagementProbe } from '../../ports/deployment.js';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The clients of spa doctor in one account (the management account, or the automation account): factories/deployment.ts. */
export interface DeploymentClients {
  organizations: OrganizationsClient;
  iam: IAMClient;
  s3: S3Client;
  cloudTrail(region: string): CloudTrailClient;
  cloudFormation(region: string): CloudFormationClient;
  eventBridge(region: string): EventBridgeClient;
  secretsManager(region: string): SecretsManagerClient;
  costExplorer: CostExplorerClient;
}

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchEntityException',
  'NoSuchEntity',
  'StackSetNotFoundException',
  'NotFound',
  'NoSuchKey',
]);

/** The answer of a read, or `missing` when AWS says the thing is not there (other errors go up). */
async function orMissing<T, M>(read: () => Promise<T>, missing: M): Promise<T | M> {
  try {
    return await read();
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (NOT_FOUND.has(e.name ?? '')) return missing;
    // CloudFormation answers a missing stack with a ValidationError that says so.
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) return missing;
    throw error;
  }
}

export class AwsManagementProbe implements ManagementProbe {
  constructor(private readonly clients: DeploymentClients) {}

  async organization() {
    const o = (await this.clients.organizations.send(new DescribeOrganizationCommand({}))).Organization;
    return {
      id: o?.Id ?? '',
      managementAccountId: o?.MasterAccountId ?? '',
      featureSet: o?.FeatureSet ?? '',
    };
  }

  async trails() {
    const ct = this.clients.cloudTrail('us-east-1');
    const list = (await ct.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
    return Promise.all(
      list.map(async (t) => ({
        name: t.Name ?? '',
        organization: t.IsOrganizationTrail === true,
        multiRegion: t.IsMultiRegionTrail === true,
        logging:
          (await ct.send(new GetTrailStatusCommand({ Name: t.TrailARN ?? t.Name }))).IsLogging === true,
      })),
    );
  }

  async costAllocationTagStatus(key: string) {
    const out = await this.clients.costExplorer.send(
      new ListCostAllocationTagsCommand({ TagKeys: [key], Type: 'UserDefined' }),
    );
    return out.CostAllocationTags?.find((t) => t.TagKey === key)?.Status;
  }

  async trustedServices() {
    const out = await this.clients.organizations.send(new ListAWSServiceAccessForOrganizationCommand({}));
    return (out.EnabledServicePrincipals ?? []).map((s) => s.ServicePrincipal ?? '');
  }

  stackStatus(name: string, region: string) {
    return orMissing(async () => {
      const out = await this.clients
        .cloudFormation(region)
        .send(new DescribeStacksCommand({ StackName: name }));
      return out.Stacks?.[0]?.StackStatus;
    }, undefined);
  }

  stackSetStatus(name: string) {
    return orMissing(async () => {
      const cf = this.clients.cloudFormation('us-east-1');
      return (await cf.send(new DescribeStackSetCommand({ StackSetName: name }))).StackSet?.Status;
    }, undefined);
  }

  ruleTargets(name: string, region: string) {
    return orMissing(async () => {
      const events = this.clients.eventBridge(region);
      await events.send(new DescribeRuleCommand({ Name: name }));
      const out = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
      return (out.Targets ?? []).map((t) => t.Arn ?? '');
    }, undefined);
  }

  roleExists(name: string) {
    return orMissing(async () => {
      await this.clients.iam.send(new GetRoleCommand({ RoleName: name }));
      return true;
    }, false);
  }
}

export class AwsAutomationProbe implements AutomationProbe {
  constructor(
    private readonly clients: DeploymentClients,
    private readonly region: string,
  ) {}

  stackStatus(name: string) {
    return orMissing(async () => {
      const out = await this.clients
        .cloudFormation(this.region)
        .send(new DescribeStacksCommand({ StackName: name }));
      return out.Stacks?.[0]?.StackStatus;
    }, undefined);
  }

  objectExists(bucket: string, key: string) {
    return orMissing(async () => {
      await this.clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    }, false);
  }

  secretHasValue(name: string) {
    return orMissing(async () => {
      const out = await this.clients
        .secretsManager(this.region)
        .send(new DescribeSecretCommand({ SecretId: name }));
      return Object.values(out.VersionIdsToStages ?? {}).some((stages) => stages.includes('AWSCURRENT'));
    }, undefined);
  }
}
