import { CustomResource, Duration, Fn } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { RuntimeFunction } from './runtime-function.js';

export interface MemberStackSetProps {
  stackSetName: string;
  environment: string;
  /** The template of the member accounts (MemberStack, synthesized apart). */
  template: Record<string, unknown>;
  /** The outermost managed OUs, by path. */
  managedOuPaths: string[];
  /** The first region is the runtime's: the others need its roles. */
  regions: string[];
}

/**
 * The service-managed StackSet of the member accounts on the managed OUs, with auto-deployment: an account that
 * enters a managed OU gets the stack, one that leaves loses it. The OUs are resolved from their paths at deploy
 * time, since the engine, not CloudFormation, creates them.
 */
export class MemberStackSet extends Construct {
  readonly stackSet: cloudformation.CfnStackSet;
  readonly resolver: RuntimeFunction<Record<string, never>>;

  constructor(scope: Construct, id: string, props: MemberStackSetProps) {
    super(scope, id);
    this.resolver = new RuntimeFunction(this, 'Resolver', {
      functionName: `${props.environment}-resolve-organizational-units`,
      roleName: `${props.environment}-resolve-organizational-units`,
      entry: join(repoRoot, 'infra/functions/resolve-organizational-units.ts'),
      description: 'SPA deployment: the ids of the managed OUs, for the StackSet of the member accounts',
      // The resolver is no runtime handler: it needs none of the runtime's variables.
      environment: {},
      timeout: Duration.minutes(2),
      memorySize: 256,
    });
    this.resolver.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheOrganizationalUnits',
        // These List calls take no resource narrower than the organization.
        actions: ['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent'],
        resources: ['*'],
      }),
    );
    const provider = new cr.Provider(this, 'Provider', { onEventHandler: this.resolver.fn });
    const ous = new CustomResource(this, 'ManagedOrganizationalUnits', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::SpaOrganizationalUnits',
      properties: { Paths: props.managedOuPaths },
    });
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: props.stackSetName,
      description: 'SPA in the accounts of the managed OUs: build projects, their roles, event forwarding',
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      callAs: 'SELF',
      managedExecution: { Active: true },
      operationPreferences: {
        regionConcurrencyType: 'SEQUENTIAL',
        regionOrder: props.regions,
        maxConcurrentPercentage: 25,
        failureTolerancePercentage: 10,
      },
      templateBody: JSON.stringify(props.template),
      stackInstancesGroup: [
        {
          regions: props.regions,
          deploymentTargets: { organizationalUnitIds: Fn.split(',', ous.getAttString('Ids')) },
        },
      ],
    });
  }
}
