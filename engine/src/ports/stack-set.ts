/** The OU targets of the service-managed StackSet of the member accounts (in the management account). */
export interface MemberStackSetTargets {
  /** The OU ids the StackSet targets, or undefined when there is no such StackSet (not deployed yet). */
  targets(): Promise<string[] | undefined>;
  /** Deploys the member stack to the accounts below these OUs, in these regions; returns the operation's id. */
  add(ouIds: readonly string[], regions: readonly string[]): Promise<string>;
  /** Removes the member stack from the accounts below these OUs; returns the operation's id. */
  remove(ouIds: readonly string[], regions: readonly string[]): Promise<string>;
}
