import {
  Aws,
  CfnCondition,
  CfnResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Tags,
  type StackProps,
} from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  CONTROL_TOWER_ROLE,
  PREPARATION_PROJECT,
  PURGE_PROJECT,
} from '../../engine/src/domain/runtime-names.js';
import { buildBoundary, CREATED_BY_TAG, ORIGIN_TAG } from './member-boundary.js';
import { memberNag } from './nag.js';
import { ForwardingRule, SIGN_IN_PATTERN, forwarderRole } from './forwarding-rule.js';

export interface MemberStackProps extends StackProps {
  /** The region of the runtime: the projects, roles and CodeBuild forwarding live there only. */
  runtimeRegion: string;
  automationAccount: string;
  centralBusArn: string;
  memberRoleName: string;
  /** The runtime's roles that start builds: the only principals the member role trusts. */
  starterArns: string[];
}

export const BUILD_ROLE = 'SpaBuild';
export const FORWARDER_ROLE = 'SpaEventForwarder';
/** CLOUD_CUSTODIAN_ROLE of buildspecs/prepare.yml. */
export const CUSTODIAN_ROLE = 'SpaCloudCustodian';

/**
 * What every account of the managed OUs gets, through the StackSet: the preparation and purge projects, the role
 * they run as (bounded), the role the runtime starts builds with, and the forwarding of CodeBuild state changes
 * and console sign-ins to the central bus.
 */
export class MemberStack extends Stack {
  constructor(scope: Construct, id: string, props: MemberStackProps) {
    super(scope, id, props);
    Tags.of(this).add(ORIGIN_TAG.key, ORIGIN_TAG.value);
    const regional = new Construct(this, 'RuntimeRegion');
    const buildRole = this.buildRole(regional);
    const projects = [PREPARATION_PROJECT, PURGE_PROJECT].map((name) =>
      this.project(regional, name, buildRole),
    );
    if (props.memberRoleName !== CONTROL_TOWER_ROLE) this.starterRole(regional, props, projects);
    this.custodianRole(regional);
    const forwarder = forwarderRole(regional, FORWARDER_ROLE);
    new ForwardingRule(regional, 'CodeBuildStates', {
      ruleName: 'SpaForwardCodeBuild',
      description: 'State changes of the SPA builds, to the central bus',
      pattern: {
        source: ['aws.codebuild'],
        detailType: ['CodeBuild Build State Change'],
        detail: { 'project-name': [PREPARATION_PROJECT, PURGE_PROJECT] },
      },
      centralBusArn: props.centralBusArn,
      role: forwarder,
    });
    new ForwardingRule(this, 'SignIns', {
      ruleName: 'SpaForwardSignIn',
      description: 'Console sign-ins, to the central bus',
      pattern: SIGN_IN_PATTERN,
      centralBusArn: props.centralBusArn,
      // Created in the runtime region (IAM is global): imported as is, never given a policy per region.
      role: iam.Role.fromRoleName(this, 'Forwarder', FORWARDER_ROLE, { mutable: false }),
    });
    const inRuntimeRegion = new CfnCondition(this, 'InRuntimeRegion', {
      expression: Fn.conditionEquals(Aws.REGION, props.runtimeRegion),
    });
    for (const c of regional.node.findAll())
      if (c instanceof CfnResource) c.cfnOptions.condition = inRuntimeRegion;
    memberNag(this, [PREPARATION_PROJECT, PURGE_PROJECT]);
  }

  private buildRole(scope: Construct): iam.Role {
    const boundary = buildBoundary(scope, this.account);
    const role = new iam.Role(scope, 'BuildRole', {
      roleName: BUILD_ROLE,
      description: 'SPA preparation and purge builds (bounded by SpaBuildBoundary)',
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      permissionsBoundary: boundary,
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('IAMReadOnlyAccess'),
      ],
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PasswordPolicyAndIdentitiesItCreates',
        actions: [
          'iam:UpdateAccountPasswordPolicy',
          'iam:CreateRole',
          'iam:DeleteRole',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:PassRole',
          'iam:AttachRolePolicy',
          'iam:DetachRolePolicy',
          'iam:PutRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:CreateUser',
          'iam:DeleteUser',
          'iam:TagUser',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:DeleteInstanceProfile',
        ],
        resources: ['*'],
      }),
    );
    return role;
  }

  private project(scope: Construct, name: string, role: iam.IRole): codebuild.Project {
    const logGroup = new logs.LogGroup(scope, `${name}Logs`, {
      logGroupName: `/aws/codebuild/${name}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return new codebuild.Project(scope, name, {
      projectName: name,
      description: 'SPA: the runtime starts it with the published buildspec and the variables of the account',
      role,
      // Replaced at every build by the buildspec that spa publish sent to the runtime bucket.
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: { build: { commands: ['echo "started without the SPA buildspec"', 'exit 1'] } },
      }),
      environment: {
        buildImage: codebuild.LinuxBuildImage.AMAZON_LINUX_2_5,
        computeType: codebuild.ComputeType.SMALL,
      },
      timeout: Duration.hours(8),
      logging: { cloudWatch: { logGroup } },
    });
  }

  /** The role of Cloud Custodian's Lambdas that the preparation deploys (buildspecs/prepare.yml, EC2 start/stop). */
  private custodianRole(scope: Construct): void {
    const role = new iam.Role(scope, 'CustodianRole', {
      roleName: CUSTODIAN_ROLE,
      description: 'Cloud Custodian stops and starts the EC2 instances of the account on schedule',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    // The builds may pass it (their boundary lets them use what they created, and no other SPA role).
    Tags.of(role).add(CREATED_BY_TAG.key, CREATED_BY_TAG.value);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'FindInstances',
        // DescribeInstances has no resource type.
        actions: ['ec2:DescribeInstances'],
        resources: ['*'],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'StopAndStartInstances',
        actions: ['ec2:StopInstances', 'ec2:StartInstances'],
        resources: [`arn:aws:ec2:*:${this.account}:instance/*`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteItsLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`arn:aws:logs:*:${this.account}:log-group:/aws/lambda/custodian-*`],
      }),
    );
  }

  private starterRole(scope: Construct, props: MemberStackProps, projects: codebuild.Project[]): void {
    const role = new iam.Role(scope, 'StarterRole', {
      roleName: props.memberRoleName,
      description: 'The SPA runtime starts and follows the preparation and purge builds',
      assumedBy: new iam.AccountPrincipal(props.automationAccount).withConditions({
        ArnEquals: { 'aws:PrincipalArn': props.starterArns },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'StartAndFollowTheBuilds',
        actions: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'],
        resources: projects.map((p) => p.projectArn),
      }),
    );
  }
}
