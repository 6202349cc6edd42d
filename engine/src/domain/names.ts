import { isManagedTagKey } from './managed-tags.js';

/** Names the engine derives, written once. */

/** The budget of an account: `<environment>-<account id>` (the exceptions handler parses it back). */
export function budgetName(environment: string, accountId: string): string {
  return `${environment}-${accountId}`;
}

/** The prefix of every budget of an environment. */
export function budgetPrefix(environment: string): string {
  return `${environment}-`;
}

/** The reserved tags: `<prefix>state`, owned by the lifecycle, and `<prefix>holder`, from `holder`. */
export interface ReservedTags {
  state: string;
  holder: string;
}

export function reservedTags(prefix: string): ReservedTags {
  return { state: `${prefix}state`, holder: `${prefix}holder` };
}

/** The keys no settings file may set: state, holder, and the mark of what SPA manages (managed-tags.ts). */
export function isReserved(reserved: ReservedTags, key: string): boolean {
  return key === reserved.state || key === reserved.holder || isManagedTagKey(key);
}

/** The key of a change in a plan: `<action>:<address>`. */
export function changeKey(action: string, address: string): string {
  return `${action}:${address}`;
}
