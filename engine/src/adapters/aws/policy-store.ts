import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  UpdatePolicyCommand,
  type OrganizationsClient,
  type PolicySummary,
} from '@aws-sdk/client-organizations';
import { isManagedPolicy, policySettingsName } from '../../domain/policies.js';
import type { ManagedPolicy, ObservedPolicies, ObservedPolicy } from '../../observed/types.js';
import type { NewPolicy, PolicyStore } from '../../ports/policies.js';
import { errorName } from './aws-errors.js';
import { readTags } from './organization-reader.js';
import type { AwsCaller } from './retry.js';

const SCP = 'SERVICE_CONTROL_POLICY';

/** Service control policies through the Organizations API; reads go through the caller's read queue. */
export class AwsPolicyStore implements PolicyStore {
  constructor(
    private readonly client: OrganizationsClient,
    private readonly caller: AwsCaller,
  ) {}

  async readPolicies(options: {
    environment: string;
    ous: ReadonlyMap<string, string>;
    withAttachments: boolean;
  }): Promise<ObservedPolicies> {
    const { environment } = options;
    const [enabled, all] = await Promise.all([this.enabled(), this.list()]);
    const managed = new Map<string, ManagedPolicy>();
    // Only the policies named like the environment's are candidates: their tags say whether they are its own.
    const candidates = all.filter(
      (p) => !p.awsManaged && policySettingsName(environment, p.name) !== undefined,
    );
    await Promise.all(
      candidates.map(async (p) => {
        const read = await this.readPolicy(p.id, environment);
        if (read?.managed) {
          const { managed: _, ...policy } = read;
          managed.set(policySettingsName(environment, p.name)!, policy);
        }
      }),
    );
    const attached = new Map<string, ObservedPolicy[]>();
    if (enabled && (options.withAttachments || managed.size > 0))
      await Promise.all(
        [...options.ous].map(async ([path, id]) => attached.set(path, (await this.policiesFor(id)) ?? [])),
      );
    return { enabled, byName: new Map(all.map((p) => [p.name, p])), managed, attached };
  }

  async listPolicies(): Promise<Map<string, ObservedPolicy>> {
    return new Map((await this.list()).map((p) => [p.name, p]));
  }

  async readPolicy(
    policyId: string,
    environment: string,
  ): Promise<(ManagedPolicy & { managed: boolean }) | undefined> {
    try {
      const tags = await readTags(this.client, this.caller, policyId);
      const out = await this.caller.read('DescribePolicy', () =>
        this.client.send(new DescribePolicyCommand({ PolicyId: policyId })),
      );
      const summary = toPolicy(out.Policy?.PolicySummary ?? {});
      return {
        ...summary,
        description: out.Policy?.PolicySummary?.Description ?? '',
        content: out.Policy?.Content ?? '',
        managed: isManagedPolicy(tags, environment),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async policiesFor(targetId: string): Promise<ObservedPolicy[] | undefined> {
    const out: ObservedPolicy[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.caller.read('ListPoliciesForTarget', () =>
          this.client.send(
            new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: SCP, NextToken: token }),
          ),
        );
        out.push(...(page.Policies ?? []).map(toPolicy));
        token = page.NextToken;
      } while (token);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    return out;
  }

  async createPolicy(policy: NewPolicy): Promise<ObservedPolicy> {
    const out = await this.caller.write(
      'CreatePolicy',
      () =>
        this.client.send(
          new CreatePolicyCommand({
            Name: policy.awsName,
            Description: policy.description,
            Content: policy.content,
            Type: SCP,
            Tags: Object.entries(policy.tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      // A lost answer may hide a success: the caller looks the policy up by name before trying again.
      { retry: false },
    );
    return toPolicy(out.Policy?.PolicySummary ?? {});
  }

  async updatePolicy(policyId: string, change: { description: string; content: string }): Promise<void> {
    await this.caller.write('UpdatePolicy', () =>
      this.client.send(
        new UpdatePolicyCommand({
          PolicyId: policyId,
          Description: change.description,
          Content: change.content,
        }),
      ),
    );
  }

  async attachPolicy(policyId: string, targetId: string): Promise<boolean> {
    try {
      await this.caller.write('AttachPolicy', () =>
        this.client.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId })),
      );
      return true;
    } catch (error) {
      if (errorName(error) === 'DuplicatePolicyAttachmentException') return false;
      throw error;
    }
  }

  async detachPolicy(policyId: string, targetId: string): Promise<boolean> {
    try {
      await this.caller.write('DetachPolicy', () =>
        this.client.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: targetId })),
      );
      return true;
    } catch (error) {
      if (errorName(error) === 'PolicyNotAttachedException') return false;
      throw error;
    }
  }

  private async enabled(): Promise<boolean> {
    const roots = await this.caller.read('ListRoots', () => this.client.send(new ListRootsCommand({})));
    return (roots.Roots?.[0]?.PolicyTypes ?? []).some((t) => t.Type === SCP && t.Status === 'ENABLED');
  }

  private async list(): Promise<ObservedPolicy[]> {
    const out: ObservedPolicy[] = [];
    let token: string | undefined;
    do {
      const page = await this.caller.read('ListPolicies', () =>
        this.client.send(new ListPoliciesCommand({ Filter: SCP, NextToken: token })),
      );
      out.push(...(page.Policies ?? []).map(toPolicy));
      token = page.NextToken;
    } while (token);
    return out;
  }
}

function toPolicy(p: PolicySummary): ObservedPolicy {
  return { id: p.Id ?? '', name: p.Name ?? '', awsManaged: p.AwsManaged === true };
}

function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  return (
    name === 'PolicyNotFoundException' ||
    name === 'TargetNotFoundException' ||
    name === 'OrganizationalUnitNotFoundException' ||
    name === 'AccountNotFoundException'
  );
}
