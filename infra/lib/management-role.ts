import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CONTROL_TOWER_ROLE } from '../../engine/src/domain/runtime-names.js';

export interface ManagementRoleProps {
  roleName: string;
  /** The roles of the runtime's handlers that read and tag the organization. */
  runtimeRoleArns: string[];
  automationAccount: string;
  memberRoleName: string;
  /** The environment: its budgets (`<environment>-*`) are the ones the runtime may read. */
  environment: string;
  managementAccount: string;
}

/**
 * The role the runtime assumes in the management account: it reads the organization, writes the lifecycle's tags
 * on accounts, and reads Cost Explorer. With AWSControlTowerExecution as the member role, the runtime reaches it
 * through this role (it trusts the management account only).
 */
export class ManagementRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ManagementRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'The SPA runtime: Organizations, Cost Explorer and its budgets',
      assumedBy: new iam.AccountPrincipal(props.automationAccount).withConditions({
        ArnEquals: { 'aws:PrincipalArn': props.runtimeRoleArns },
      }),
    });
    const statements = [
      new iam.PolicyStatement({
        sid: 'ReadTheOrganization',
        // The List and Describe calls of Organizations take no resource narrower than the organization.
        actions: [
          'organizations:DescribeOrganization',
          'organizations:DescribeAccount',
          'organizations:ListRoots',
          'organizations:ListParents',
          'organizations:ListOrganizationalUnitsForParent',
          'organizations:ListAccountsForParent',
          'organizations:ListTagsForResource',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'TagAccountsOnly',
        actions: ['organizations:TagResource', 'organizations:UntagResource'],
        resources: ['arn:aws:organizations::*:account/o-*/*'],
      }),
      new iam.PolicyStatement({
        sid: 'ReadBudgetsOfTheEnvironment',
        // Is a budget alert's budget one of this environment's? (The exceptions handler asks before it acts.)
        actions: ['budgets:ViewBudget'],
        resources: [`arn:aws:budgets::${props.managementAccount}:budget/${props.environment}-*`],
      }),
      new iam.PolicyStatement({
        sid: 'ReadCosts',
        // Cost Explorer has no resource types. spa doctor reads whether the cost center tag is activated.
        actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:ListCostAllocationTags'],
        resources: ['*'],
      }),
    ];
    if (props.memberRoleName === CONTROL_TOWER_ROLE)
      statements.push(
        new iam.PolicyStatement({
          sid: 'StartBuildsThroughControlTower',
          actions: ['sts:AssumeRole'],
          resources: [`arn:aws:iam::*:role/${CONTROL_TOWER_ROLE}`],
        }),
      );
    for (const s of statements) this.role.addToPolicy(s);
  }
}
