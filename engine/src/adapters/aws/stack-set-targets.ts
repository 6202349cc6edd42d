import { randomUUID } from 'node:crypto';
import {
  CreateStackInstancesCommand,
  DeleteStackInstancesCommand,
  DescribeStackSetCommand,
  type CloudFormationClient,
  type StackSetOperationPreferences,
} from '@aws-sdk/client-cloudformation';
import type { MemberStackSetTargets } from '../../ports/stack-set.js';
import type { AwsCaller } from './retry.js';
import { errorName } from './aws-errors.js';

/** The rollout of infra/lib/member-stack-set.ts: one region after the other, a quarter of the accounts at a time. */
function preferences(regions: readonly string[]): StackSetOperationPreferences {
  return {
    RegionConcurrencyType: 'SEQUENTIAL',
    RegionOrder: [...regions],
    MaxConcurrentPercentage: 25,
    FailureTolerancePercentage: 10,
  };
}

/**
 * The OU targets of a service-managed StackSet, as its administrator (CallAs SELF, the management account).
 * The StackSet's managed execution queues an operation behind one still running, so no call waits for another.
 */
export class AwsStackSetTargets implements MemberStackSetTargets {
  constructor(
    private readonly client: CloudFormationClient,
    private readonly caller: AwsCaller,
    private readonly name: string,
  ) {}

  async targets(): Promise<string[] | undefined> {
    try {
      const out = await this.caller.read('DescribeStackSet', () =>
        this.client.send(new DescribeStackSetCommand({ StackSetName: this.name, CallAs: 'SELF' })),
      );
      return [...(out.StackSet?.OrganizationalUnitIds ?? [])].sort();
    } catch (error) {
      if (errorName(error) === 'StackSetNotFoundException') return undefined;
      throw error;
    }
  }

  async add(ouIds: readonly string[], regions: readonly string[]): Promise<string> {
    const operationId = randomUUID();
    await this.caller.write('CreateStackInstances', () =>
      this.client.send(
        new CreateStackInstancesCommand({
          StackSetName: this.name,
          CallAs: 'SELF',
          DeploymentTargets: { OrganizationalUnitIds: [...ouIds] },
          Regions: [...regions],
          OperationPreferences: preferences(regions),
          OperationId: operationId,
        }),
      ),
    );
    return operationId;
  }

  async remove(ouIds: readonly string[], regions: readonly string[]): Promise<string> {
    const operationId = randomUUID();
    await this.caller.write('DeleteStackInstances', () =>
      this.client.send(
        new DeleteStackInstancesCommand({
          StackSetName: this.name,
          CallAs: 'SELF',
          DeploymentTargets: { OrganizationalUnitIds: [...ouIds] },
          Regions: [...regions],
          RetainStacks: false,
          OperationPreferences: preferences(regions),
          OperationId: operationId,
        }),
      ),
    );
    return operationId;
  }
}
