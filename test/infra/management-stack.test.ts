import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimeRules } from '../../engine/src/domain/runtime-rules.js';
import { iamPolicyFile } from '../../infra/lib/github-roles.js';
import { memberTemplate } from '../../infra/lib/member-template.js';
import { isolateCdk, sampleConfig, synthSpa, type Synthesized } from '../helpers/infra.js';

let s: Synthesized;
let t: Template;
let members: Template;
type Resource = { Type: string; Properties: Record<string, unknown> };
const BUS = 'arn:aws:events:eu-west-1:222222222222:event-bus/default';
const STARTERS = [
  'arn:aws:iam::222222222222:role/SpaDemo-runtime-lifecycle',
  'arn:aws:iam::222222222222:role/SpaDemo-runtime-maintenance',
];

function only(template: Template, type: string, props: object = {}): Resource {
  const found = Object.values(template.findResources(type, { Properties: props })) as Resource[];
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  s = synthSpa(await sampleConfig());
  t = s.template('management');
  const stackSet = only(t, 'AWS::CloudFormation::StackSet');
  members = Template.fromJSON(JSON.parse(stackSet.Properties.TemplateBody as string) as object);
}, 300_000);

describe('the management stack', () => {
  it('lives in us-east-1 of the management account, where Organizations events are', () => {
    expect(s.stacks.management.region).toBe('us-east-1');
    expect(s.stacks.management.account).toBe('123456789012');
  });

  it('forwards Organizations events to the central bus with a role that may put there only', () => {
    const pattern = runtimeRules('SpaDemo').find(
      (r) => r.queue === 'lifecycle' && r.name.endsWith('organizations'),
    )!;
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: pattern.pattern,
      Targets: [Match.objectLike({ Arn: BUS, RoleArn: Match.anyValue() })],
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: BUS }] },
    });
  });

  it('gives the GitHub jobs the plan and apply roles of infra/iam, trusted by the protected environments only', () => {
    t.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    for (const [name, env] of [
      ['plan', 'spa-plan'],
      ['apply', 'spa-apply'],
    ] as const) {
      const role = only(t, 'AWS::IAM::Role', { RoleName: `SpaDemo-github-${name}` });
      const trust = role.Properties.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] };
      expect(trust.Statement).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': `repo:example-org/spa-settings:environment:${env}`,
            },
          },
        }),
      ]);
      const file = iamPolicyFile(`${env}-policy.json`);
      const policy = (
        role.Properties.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]
      )[0]!;
      const sids = policy.PolicyDocument.Statement.map((st) => st.Sid);
      expect(sids).toEqual(file.Statement.map((st) => st.Sid));
    }
    const apply = only(t, 'AWS::IAM::Role', { RoleName: 'SpaDemo-github-apply' });
    expect(JSON.stringify(apply.Properties.Policies)).toContain(
      'arn:aws:dynamodb:eu-west-1:222222222222:table/SpaDemo-apply-lock',
    );
  });

  it("lets the runtime's roles read and tag the organization, read costs and its budgets, through one role", () => {
    const role = only(t, 'AWS::IAM::Role', { RoleName: 'SpaDemo-management' });
    const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain(':iam::222222222222:root');
    for (const h of ['lifecycle', 'maintenance', 'activity', 'exceptions', 'deadlines'])
      expect(trust).toContain(`arn:aws:iam::222222222222:role/SpaDemo-runtime-${h}`);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['organizations:TagResource', 'organizations:UntagResource'],
            Resource: 'arn:aws:organizations::*:account/o-*/*',
          }),
          // Is a budget alert's budget one of this environment's? Nothing else of AWS Budgets.
          Match.objectLike({
            Action: 'budgets:ViewBudget',
            Resource: 'arn:aws:budgets::123456789012:budget/SpaDemo-*',
          }),
          Match.objectLike({
            Action: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:ListCostAllocationTags'],
          }),
        ]),
      },
    });
  });

  it('deploys the member accounts through a service-managed StackSet on the managed OUs, auto-deployed', () => {
    const stackSet = only(t, 'AWS::CloudFormation::StackSet');
    expect(stackSet.Properties).toMatchObject({
      StackSetName: 'SpaDemo-member-accounts',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    const [group] = stackSet.Properties.StackInstancesGroup as Record<string, unknown>[];
    expect(group!.Regions).toEqual(['eu-west-1', 'us-east-1']);
    const resolver = Object.keys(t.findResources('Custom::SpaOrganizationalUnits'))[0]!;
    expect(group!.DeploymentTargets).toEqual({
      OrganizationalUnitIds: { 'Fn::Split': [',', { 'Fn::GetAtt': [resolver, 'Ids'] }] },
    });
    t.hasResourceProperties('Custom::SpaOrganizationalUnits', { Paths: ['Sandbox'] });
  });
});

describe('the stack of the member accounts', () => {
  it('holds the preparation and purge projects, run as the bounded build role, in the runtime region only', () => {
    for (const name of ['SpaPreparation', 'SpaPurge']) {
      members.hasResource('AWS::CodeBuild::Project', {
        Properties: Match.objectLike({ Name: name, TimeoutInMinutes: 480 }),
        Condition: 'InRuntimeRegion',
      });
      members.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/codebuild/${name}`,
        RetentionInDays: 90,
      });
    }
    members.hasResource('AWS::IAM::Role', {
      Properties: Match.objectLike({ RoleName: 'SpaBuild', PermissionsBoundary: Match.anyValue() }),
      Condition: 'InRuntimeRegion',
    });
    expect(members.toJSON().Conditions).toEqual({
      InRuntimeRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
    });
  });

  it('bounds the builds: no Organizations, no SPA or Control Tower resources, no IAM identity of others', () => {
    const boundary = only(members, 'AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'SpaBuildBoundary' });
    const statements = (boundary.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    const sid = (id: string) => statements.find((st) => st.Sid === id)!;
    expect(sid('NeverTheOrganization')).toMatchObject({
      Effect: 'Deny',
      Action: ['organizations:*', 'account:*'],
    });
    expect(JSON.stringify(sid('NeverSpaResources').Resource)).toContain('project/Spa*');
    expect(sid('NeverControlTowerNorIdentityCenter').Resource).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::*:role/aws-controltower-*',
        'arn:aws:iam::*:role/AWSControlTower*',
      ]),
    );
    expect(sid('OnlyIdentitiesItCreated')).toMatchObject({
      Effect: 'Deny',
      Resource: ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/*'],
      Condition: { StringNotEquals: { 'iam:ResourceTag/spa-created-by': 'SpaBuild' } },
    });
    expect(sid('CreatedIdentitiesAreBounded')).toMatchObject({
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:CreateUser'],
    });
  });

  it("lets the runtime's build starters, and no one else, start and follow the two projects", () => {
    const role = only(members, 'AWS::IAM::Role', { RoleName: 'SpaBuildStarter' });
    const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain(':iam::222222222222:root');
    expect(trust).toContain(JSON.stringify({ 'aws:PrincipalArn': STARTERS }));
    const policy = only(members, 'AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('StarterRole') }],
    });
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toHaveLength(1);
    expect([statements[0]!.Action].flat().sort()).toEqual([
      'codebuild:BatchGetBuilds',
      'codebuild:StartBuild',
    ]);
    expect(JSON.stringify(statements[0]!.Resource)).toMatch(
      /SpaPreparation.*SpaPurge|SpaPurge.*SpaPreparation/s,
    );
  });

  it('gives Cloud Custodian (preparation) its role, which the builds may pass to Lambda and never change', () => {
    const role = only(members, 'AWS::IAM::Role', { RoleName: 'SpaCloudCustodian' });
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('lambda.amazonaws.com');
    expect(role.Properties.Tags).toEqual(
      expect.arrayContaining([{ Key: 'spa-created-by', Value: 'SpaBuild' }]),
    );
    const boundary = only(members, 'AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'SpaBuildBoundary' });
    const statements = (boundary.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements.find((st) => st.Sid === 'PassSpaRolesToLambdaOnly')).toMatchObject({
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Condition: { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    });
    expect(statements.find((st) => st.Sid === 'NeverSpaResources')!.NotAction).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'iam:PassRole',
    ]);
  });

  it('forwards CodeBuild state changes and console sign-ins to the central bus', () => {
    members.hasResourceProperties('AWS::Events::Rule', {
      Name: 'SpaForwardCodeBuild',
      EventPattern: Match.objectLike({ source: ['aws.codebuild'] }),
      Targets: [Match.objectLike({ Arn: BUS })],
    });
    members.hasResource('AWS::Events::Rule', {
      Properties: Match.objectLike({
        Name: 'SpaForwardSignIn',
        EventPattern: { source: ['aws.signin'], detail: { eventName: ['ConsoleLogin'] } },
      }),
      Condition: Match.absent(),
    });
  });

  it('never creates nor changes AWSControlTowerExecution when it is the member role', () => {
    isolateCdk(false);
    const template = Template.fromJSON(
      memberTemplate({
        runtimeRegion: 'eu-west-1',
        automationAccount: '222222222222',
        centralBusArn: BUS,
        memberRoleName: 'AWSControlTowerExecution',
        starterArns: STARTERS,
      }),
    );
    const roles = Object.values(template.findResources('AWS::IAM::Role')).map(
      (r) => (r as Resource).Properties.RoleName,
    );
    expect(roles).not.toContain('AWSControlTowerExecution');
    expect(JSON.stringify(template.toJSON())).not.toContain('AWSControlTowerExecution');
  });
});

describe('the sign-in stack', () => {
  it('forwards Identity Center sign-ins from its region with the forwarder role of the management stack', () => {
    const signIn = s.stacks.signIn!;
    expect(signIn.region).toBe('eu-west-1');
    expect(signIn.dependencies).toContain(s.stacks.management);
    s.template('signIn').hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.signin'], detail: { eventName: ['ConsoleLogin'] } },
      Targets: [Match.objectLike({ Arn: BUS })],
    });
  });
});

describe("GitHub's OIDC provider", () => {
  it('is the one the management account has when the settings name it: none is created, the roles trust it', async () => {
    const { App, Stack } = await import('aws-cdk-lib');
    const { GitHubRoles } = await import('../../infra/lib/github-roles.js');
    const stack = new Stack(new App(), 'Roles', { env: { account: '123456789012', region: 'us-east-1' } });
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    new GitHubRoles(stack, 'GitHub', {
      repository: 'example-org/spa-settings',
      planRoleName: 'plan',
      applyRoleName: 'apply',
      applyLockTableArn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/lock',
      operatorRoleArn: 'arn:aws:iam::222222222222:role/SpaDemo-operator',
      managementAccount: '123456789012',
      oidcProviderArn: arn,
      environment: 'SpaDemo',
    });
    const roles = Template.fromStack(stack);
    roles.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    roles.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
    for (const name of ['plan', 'apply'])
      roles.hasResourceProperties('AWS::IAM::Role', {
        RoleName: name,
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Federated: arn } })],
        },
      });
  });
});
