/** What spa doctor reads of the management account. "Not there" is an answer, never an exception. */
export interface ManagementProbe {
  organization(): Promise<{ id: string; managementAccountId: string; featureSet: string }>;
  trails(): Promise<{ name: string; organization: boolean; multiRegion: boolean; logging: boolean }[]>;
  /** The service principals with trusted access to the organization. */
  trustedServices(): Promise<string[]>;
  /** The status of a stack (CREATE_COMPLETE...), or undefined when there is none. */
  stackStatus(name: string, region: string): Promise<string | undefined>;
  stackSetStatus(name: string): Promise<string | undefined>;
  /** The ARNs a rule of the default bus sends to, or undefined when there is no such rule. */
  ruleTargets(name: string, region: string): Promise<string[] | undefined>;
  roleExists(name: string): Promise<boolean>;
  /** The status of a user-defined cost allocation tag (Active, Inactive), or undefined when billing knows no such tag. */
  costAllocationTagStatus(key: string): Promise<string | undefined>;
}

/** What spa doctor reads of the automation account (through its operator role). */
export interface AutomationProbe {
  stackStatus(name: string): Promise<string | undefined>;
  objectExists(bucket: string, key: string): Promise<boolean>;
  /** Whether a secret has a value; undefined when there is no such secret. */
  secretHasValue(name: string): Promise<boolean | undefined>;
}
