import { CfnOutput, Stack, type App, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { memberStackSetRegions } from '../../engine/src/desired/member-targets.js';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import { runtimeRules } from '../../engine/src/domain/runtime-rules.js';
import type { InfraConfig } from './config.js';
import { ForwardingRule, forwarderRole } from './forwarding-rule.js';
import { GitHubRoles } from './github-roles.js';
import { ManagementRole } from './management-role.js';
import { MemberStackSet } from './member-stack-set.js';
import { memberTemplate } from './member-template.js';
import { managementNag } from './nag.js';

export interface ManagementStackProps extends StackProps {
  config: InfraConfig;
  /** The roles of the runtime that read the organization, and those that start builds. */
  organizationsRoleArns: string[];
  starterRoleArns: string[];
  /** Validations to run on the StackSet's template too. */
  checkMembers?: (app: App) => void;
}

/**
 * The management account, in us-east-1 where Organizations events are: their forwarding to the central bus, the
 * GitHub roles, the runtime's role for Organizations and Cost Explorer, and the StackSet of the member accounts.
 */
export class ManagementStack extends Stack {
  readonly stackSet: MemberStackSet;

  constructor(scope: Construct, id: string, props: ManagementStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = runtimeNames(config.environment);
    const { account: automation, region } = config.automation;
    const centralBusArn = `arn:aws:events:${region}:${automation}:event-bus/default`;
    const organizations = runtimeRules(config.environment).find((r) => r.name === names.rules.organizations)!;
    new ForwardingRule(this, 'OrganizationsEvents', {
      ruleName: `${config.environment}-forward-organizations`,
      description: 'Organizations events (CloudTrail) to the central bus of the automation account',
      pattern: organizations.pattern,
      centralBusArn,
      role: forwarderRole(this, `${config.environment}-event-forwarder`),
    });
    new ManagementRole(this, 'RuntimeRole', {
      roleName: names.managementRole,
      runtimeRoleArns: props.organizationsRoleArns,
      automationAccount: automation,
      memberRoleName: config.memberRoleName,
      environment: config.environment,
      managementAccount: config.managementAccount,
    });
    if (config.githubRepository) {
      const github = new GitHubRoles(this, 'GitHub', {
        repository: config.githubRepository,
        planRoleName: names.planRole,
        applyRoleName: names.applyRole,
        applyLockTableArn: `arn:aws:dynamodb:${region}:${automation}:table/${config.applyLockTable}`,
        operatorRoleArn: `arn:aws:iam::${automation}:role/${names.operatorRole}`,
        managementAccount: config.managementAccount,
        ...(config.githubOidcProviderArn ? { oidcProviderArn: config.githubOidcProviderArn } : {}),
        environment: config.environment,
      });
      new CfnOutput(this, 'PlanRoleArn', { value: github.plan.roleArn });
      new CfnOutput(this, 'ApplyRoleArn', { value: github.apply.roleArn });
    }
    const template = memberTemplate(
      {
        runtimeRegion: region,
        automationAccount: automation,
        centralBusArn,
        memberRoleName: config.memberRoleName,
        starterArns: props.starterRoleArns,
      },
      props.checkMembers,
    );
    this.stackSet = new MemberStackSet(this, 'Members', {
      stackSetName: names.stacks.members,
      environment: config.environment,
      template,
      managedOuPaths: config.managedOuPaths,
      regions: memberStackSetRegions(region, config.identityCenterRegion),
    });
    managementNag(this, { environment: config.environment, account: config.managementAccount });
  }
}
