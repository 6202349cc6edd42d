/** What the readers of AWS return: the observed state that plans are diffed against. Plain data. */

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export type Tags = Record<string, string>;

export interface ObservedOu {
  id: string;
  name: string;
  /** OU path from the root, such as Sandbox/Personal. */
  path: string;
  parentId: string;
  /** Read only for the OUs that an OU file declares (the others are never changed). */
  tags?: Tags;
}

/** An account as one read shows it; the walk of the tree adds its OU path. */
export interface AccountSnapshot {
  id: string;
  name: string;
  /** Lowercase. */
  email: string;
  status: AccountStatus;
  parentId: string;
  tags: Tags;
}

export interface ObservedAccount extends AccountSnapshot {
  /** OU path of the parent; '' for the root. */
  ouPath: string;
}

export interface ObservedNotification {
  threshold: number;
  /** Email addresses and SNS topic ARNs, sorted. */
  subscribers: string[];
}

export interface ObservedBudget {
  name: string;
  amount: number;
  currency: string;
  /** Sorted by threshold. */
  notifications: ObservedNotification[];
}

export interface ObservedOrganization {
  organizationId: string;
  managementAccountId: string;
  rootId: string;
  /** By OU path. */
  ous: Map<string, ObservedOu>;
  accounts: ObservedAccount[];
  /** Account names of CreateAccount requests still in progress. */
  creationsInProgress: string[];
}

export interface OrganizationIdentity {
  organizationId: string;
  managementAccountId: string;
}

/** The types of alternate contacts of an account (AWS Account Management), as the settings spell them. */
export type ContactType = 'billing' | 'operations' | 'security';

export interface Contact {
  name: string;
  title: string;
  email: string;
  phone: string;
}

/** The alternate contacts read for an account, by type: null when the account has none of that type. */
export type ObservedContacts = Partial<Record<ContactType, Contact | null>>;

/** A service control policy as AWS lists it. */
export interface ObservedPolicy {
  id: string;
  /** Its name in AWS. */
  name: string;
  /** AWS's own (FullAWSAccess): never changed nor detached. */
  awsManaged: boolean;
}

/** A policy this engine created for the environment (recognised by its tags), with its document. */
export interface ManagedPolicy extends ObservedPolicy {
  description: string;
  /** The document as AWS returns it. */
  content: string;
}

export interface ObservedPolicies {
  /** Whether the SERVICE_CONTROL_POLICY type is enabled on the root: without it, no SCP applies. */
  enabled: boolean;
  /** Every SCP of the organization, by its name in AWS. */
  byName: Map<string, ObservedPolicy>;
  /** The environment's own policies, by their settings name. */
  managed: Map<string, ManagedPolicy>;
  /** The SCPs attached to each OU of an OU file that AWS has, by OU path (read when any is needed). */
  attached: Map<string, ObservedPolicy[]>;
}
