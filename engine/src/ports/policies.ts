import type { ManagedPolicy, ObservedPolicies, ObservedPolicy } from '../observed/types.js';

export interface NewPolicy {
  awsName: string;
  description: string;
  content: string;
  tags: Record<string, string>;
}

/** Service control policies of AWS Organizations. */
export interface PolicyStore {
  /**
   * What a plan needs: whether SCPs are enabled, every SCP by name, the environment's own (recognised by their
   * tags) with their documents, and, when `withAttachments` or the environment has policies, the SCPs of the
   * given OUs (path -> id).
   */
  readPolicies(options: {
    environment: string;
    ous: ReadonlyMap<string, string>;
    withAttachments: boolean;
  }): Promise<ObservedPolicies>;
  /** Every SCP of the organization by its name in AWS (one scan of ListPolicies). */
  listPolicies(): Promise<Map<string, ObservedPolicy>>;
  /** One SCP with its document and whether the environment's tags are on it; undefined when it is gone. */
  readPolicy(
    policyId: string,
    environment: string,
  ): Promise<(ManagedPolicy & { managed: boolean }) | undefined>;
  /** The SCPs attached to a root, OU or account; undefined when the target is gone. */
  policiesFor(targetId: string): Promise<ObservedPolicy[] | undefined>;
  createPolicy(policy: NewPolicy): Promise<ObservedPolicy>;
  updatePolicy(policyId: string, change: { description: string; content: string }): Promise<void>;
  /** false when the policy was attached already. */
  attachPolicy(policyId: string, targetId: string): Promise<boolean>;
  /** false when the policy was not attached. */
  detachPolicy(policyId: string, targetId: string): Promise<boolean>;
}
