import type { Stack } from 'aws-cdk-lib';
import { Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges cdk-nag findings on a construct and everything below it, with the one reason they are accepted. */
function acknowledge(scope: IConstruct | undefined, ids: string[], reason: string): void {
  if (scope) for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}

const child = (scope: IConstruct, path: string): IConstruct | undefined =>
  path.split('/').reduce<IConstruct | undefined>((c, id) => c?.node.tryFindChild(id), scope);

/** How cdk-nag names the ARN of a construct's resource in a finding: <LogicalId.Arn>. */
function arnOf(stack: Stack, path: string): string {
  const c = child(stack, path);
  const resource = (c?.node.defaultChild ?? c) as CfnElement | undefined;
  return resource ? `<${stack.getLogicalId(resource)}.Arn>` : '<missing>';
}

const wildcard = (resources: string[]) => resources.map((r) => `AwsSolutions-IAM5[Resource::${r}]`);
const BASIC_EXECUTION =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

export interface AutomationFindings {
  region: string;
  account: string;
  automationStackName: string;
  scheduleGroup: string;
  memberRoleName: string;
  scheduledFunctions: string[];
  /** The secret of the GitHub App that commits the reports. */
  githubAppSecret: string;
}

export function automationNag(stack: Stack, f: AutomationFindings): void {
  const bucket = arnOf(stack, 'RuntimeBucket');
  acknowledge(
    child(stack, 'Handlers'),
    wildcard([
      `${bucket}/settings/*`,
      `${bucket}/reports/*`,
      `${bucket}/exceptions/*`,
      `${arnOf(stack, 'Tables/Records')}/index/*`,
      `${arnOf(stack, 'Tables/Activities')}/index/*`,
      `arn:aws:iam::*:role/${f.memberRoleName}`,
      `arn:aws:secretsmanager:${f.region}:${f.account}:secret:${f.githubAppSecret}-*`,
    ]),
    'Only below settings/, reports/ and exceptions/ (the whole texts of cut messages) of the runtime bucket, the indexes of the tables, the member role of accounts of the organization (aws:ResourceOrgID), and the GitHub App secret (Secrets Manager appends a random suffix to its ARN)',
  );
  acknowledge(
    child(stack, 'OperatorRole'),
    wildcard([
      '*',
      `${bucket}/settings/*`,
      `${bucket}/reports/*`,
      `arn:aws:cloudformation:${f.region}:${f.account}:stack/${f.automationStackName}/*`,
      `arn:aws:scheduler:${f.region}:${f.account}:schedule/${f.scheduleGroup}/*`,
    ]),
    'settings/ objects that spa publish writes, reports/ objects that spa report --commit copies, the schedules of the maintenance group (named after their windows), the stack id suffix; ListSchedules has no resource type',
  );
  acknowledge(
    child(stack, 'HandlerSchedules'),
    wildcard(f.scheduledFunctions.map((name) => `${arnOf(stack, `Handlers/${name}/Function`)}:*`)),
    'Scheduler invokes the scheduled functions (the :* covers their versions)',
  );
  acknowledge(child(stack, 'OrganizationId'), wildcard(['*']), 'DescribeOrganization has no resource type');
  acknowledge(
    child(stack, 'AWS679f53fac002430cb0da5b7982bd2287'),
    [BASIC_EXECUTION],
    "CDK's custom resource Lambda (DescribeOrganization) writes its logs with the basic execution role",
  );
  acknowledge(
    child(stack, 'RuntimeBucket'),
    ['AwsSolutions-S1'],
    'Only spa publish writes it (CloudTrail records that) and the Lambdas read it; access logs would need a second bucket nobody reads',
  );
  acknowledge(
    child(stack, 'Secrets'),
    ['AwsSolutions-SMG4'],
    'Webhook URLs and the GitHub App key are issued by Teams, Slack and GitHub: people rotate them there, no Lambda can',
  );
}

export function managementNag(stack: Stack, f: { environment: string; account: string }): void {
  acknowledge(
    child(stack, 'GitHub'),
    wildcard([
      '*',
      'arn:aws:budgets::*:budget/*',
      'arn:aws:account::*:account',
      'arn:aws:account::*:account/o-*/*',
      'arn:aws:organizations::*:account/o-*/*',
      'arn:aws:organizations::*:ou/o-*/ou-*',
      'arn:aws:organizations::*:root/o-*/r-*',
      'arn:aws:organizations::*:policy/o-*/service_control_policy/p-*',
      `arn:aws:cloudformation:us-east-1:${f.account}:stackset/${f.environment}-member-accounts:*`,
      `arn:aws:cloudformation:us-east-1:${f.account}:stackset-target/${f.environment}-member-accounts:*`,
      `arn:aws:cloudformation:us-east-1:${f.account}:type/resource/*`,
    ]),
    'The reviewed policies of infra/iam/: Organizations calls take no narrower resource (policies are changed only when tagged as the environment’s), budgets are named per linked account, and alternate contacts and names are read and written on accounts of the organization only; the member StackSet of this environment (CloudFormation appends an id to its ARN), its OU targets and the resource types of its template, which publish brings in step',
  );
  acknowledge(
    child(stack, 'RuntimeRole'),
    wildcard([
      '*',
      'arn:aws:organizations::*:account/o-*/*',
      'arn:aws:iam::*:role/AWSControlTowerExecution',
      `arn:aws:budgets::${f.account}:budget/${f.environment}-*`,
    ]),
    'Organizations List and Describe calls and Cost Explorer take no narrower resource; tags are written on accounts only; Control Tower role of the accounts when it is the member role; the budgets of this environment, named per account',
  );
  acknowledge(
    child(stack, 'Members/Resolver'),
    wildcard(['*']),
    'ListRoots and ListOrganizationalUnitsForParent take no narrower resource',
  );
  acknowledge(
    child(stack, 'Members/Provider'),
    [BASIC_EXECUTION, ...wildcard([`${arnOf(stack, 'Members/Resolver/Function')}:*`])],
    "CDK's provider framework: it writes its logs with the basic execution role and invokes the resolver's versions",
  );
}

export function memberNag(stack: Stack, projects: string[]): void {
  acknowledge(
    child(stack, 'RuntimeRegion'),
    ['AwsSolutions-CB4'],
    'The builds make no artifacts; their logs go to CloudWatch Logs, encrypted by AWS',
  );
  acknowledge(
    child(stack, 'RuntimeRegion/BuildRole'),
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/PowerUserAccess]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/IAMReadOnlyAccess]',
    ],
    'A purge deletes any kind of resource of a personal account; SpaBuildBoundary denies Organizations, SPA, Control Tower and IAM identities it did not create',
  );
  const project = (name: string) =>
    `<${stack.getLogicalId(child(stack, `RuntimeRegion/${name}`)!.node.defaultChild as CfnElement)}>`;
  const partition = 'arn:<AWS::Partition>';
  const where = '<AWS::Region>:<AWS::AccountId>';
  acknowledge(
    child(stack, 'RuntimeRegion/BuildRole'),
    wildcard([
      '*',
      ...projects.map((p) => `${partition}:logs:${where}:log-group:/aws/codebuild/${project(p)}:*`),
      ...projects.map((p) => `${partition}:codebuild:${where}:report-group/${project(p)}-*`),
    ]),
    'IAM writes limited by the boundary to identities the builds create (tagged, bounded); CodeBuild logs and report groups of the project',
  );
  acknowledge(
    child(stack, 'RuntimeRegion/CustodianRole'),
    wildcard([
      '*',
      'arn:aws:ec2:*:<AWS::AccountId>:instance/*',
      'arn:aws:logs:*:<AWS::AccountId>:log-group:/aws/lambda/custodian-*',
    ]),
    'Cloud Custodian finds, stops and starts any instance of the account in any region, and logs from its own Lambdas',
  );
  acknowledge(
    child(stack, 'RuntimeRegion/BuildBoundary'),
    ['AwsSolutions-IAM5', 'CloudFormation-Validate::W2512'],
    'A permissions boundary is a maximum: it allows all but Organizations (NotAction), then denies SPA and Control Tower by name patterns',
  );
}
