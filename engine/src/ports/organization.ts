import type {
  AccountSnapshot,
  ObservedOrganization,
  ObservedOu,
  OrganizationIdentity,
  Tags,
} from '../observed/types.js';

/** The reads of a targeted plan (plan/scope.ts ScopeRead), with the identity already checked. */
export interface ScopeReadRequest {
  identity: OrganizationIdentity;
  accountIds: readonly string[];
  ouPaths: readonly string[];
  subtrees: readonly string[];
  ouTagPaths: readonly string[];
  /** OU paths by id as a full plan saw them: a path taken from here is checked by walking it down. */
  ouHints?: ReadonlyMap<string, string>;
  /**
   * false when no account file in scope can be created (each names an account by id or by a known email): the
   * creations in progress are then read only if an account asked for is not found.
   */
  creations?: boolean;
}

export interface ReadProgress {
  (event: { ous: number; accounts: number; tagsRead: number; tagsTotal: number }): void;
}

/** Reads AWS Organizations. Implementations retry throttling and never return a partial picture. */
export interface OrganizationReader {
  /** Which organization the credentials reach; called before anything else is read. */
  identity(): Promise<OrganizationIdentity>;
  /** The whole tree: OUs, accounts with their tags, tags of the OUs in `ouTagPaths`, creations in progress. */
  readOrganization(options: {
    ouTagPaths: ReadonlySet<string>;
    progress?: ReadProgress;
    /** The identity already read (by the check that comes first), not to ask twice. */
    identity?: OrganizationIdentity;
  }): Promise<ObservedOrganization>;
  /**
   * Part of the organization: the OUs on the paths asked for, every OU and account below the sub-trees, the
   * accounts asked for by id, with their tags; the OU tags asked for.
   */
  readScope(request: ScopeReadRequest): Promise<ObservedOrganization>;
  /** One account as it is now (for the staleness check of apply), or undefined when no such account exists. */
  readAccount(accountId: string): Promise<AccountSnapshot | undefined>;
  /** The accounts directly in a root or OU (one ListAccountsForParent per 20), without their tags. */
  accountsIn(parentId: string): Promise<AccountSnapshot[]>;
  /** The tags of an account or OU, or undefined when it does not exist. */
  readTags(resourceId: string): Promise<Tags | undefined>;
  /** The parent (root or OU id) of an account, or undefined when it does not exist. */
  readParent(accountId: string): Promise<string | undefined>;
  /** Every account of the organization by lowercase email (one ListAccounts scan). */
  accountsByEmail(): Promise<Map<string, { id: string; name: string; status: string }>>;
  /** The root and every OU by path, without tags (one list call per OU). */
  readOuTree(): Promise<{ rootId: string; ous: Map<string, ObservedOu> }>;
  /** Names of accounts whose CreateAccount request is still in progress. */
  creationsInProgress(): Promise<{ requestId: string; accountName: string }[]>;
}

export type CreateAccountOutcome =
  | { state: 'SUCCEEDED'; accountId: string }
  | { state: 'FAILED'; reason: string }
  | { state: 'IN_PROGRESS'; requestId: string };

/** Changes AWS Organizations. Writes are serialised by the implementation. */
export interface OrganizationWriter {
  createOu(parentId: string, name: string, tags: Tags): Promise<ObservedOu>;
  tagResource(resourceId: string, tags: Tags): Promise<void>;
  untagResource(resourceId: string, keys: string[]): Promise<void>;
  /** Sends CreateAccount once (never retried blindly: a lost response may have created the account). */
  startCreateAccount(email: string, name: string, tags: Tags): Promise<CreateAccountOutcome>;
  createAccountStatus(requestId: string): Promise<CreateAccountOutcome>;
  moveAccount(accountId: string, sourceParentId: string, destinationParentId: string): Promise<void>;
  closeAccount(accountId: string): Promise<void>;
}
