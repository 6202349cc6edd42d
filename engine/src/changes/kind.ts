import type { DesiredIndex } from '../desired/index-of.js';
import type { AccountManagement } from '../ports/account-management.js';
import type { PolicyStore } from '../ports/policies.js';
import type { Clock } from '../ports/clock.js';
import type { OrganizationWriter } from '../ports/organization.js';
import { changeKey } from '../domain/names.js';
import type { Change } from '../domain/plan.js';
import type { FieldRow } from './display-rows.js';
import type { World } from './world.js';

export type Action = Change['action'];
export type ChangeOf<A extends Action> = Extract<Change, { action: A }>;

/**
 * ready: the precondition holds; done: the change is already in place; stale: AWS changed under the plan;
 * refused: the settings do not ask for this change (the plan file was made from other settings, or edited).
 */
export type Readiness =
  | { state: 'ready' }
  | { state: 'done' }
  | { state: 'stale'; expected: string; found: string }
  | { state: 'refused'; reason: string };

export const READY: Readiness = { state: 'ready' };
export const DONE: Readiness = { state: 'done' };
export const stale = (expected: string, found: string): Readiness => ({ state: 'stale', expected, found });
export const refused = (reason: string): Readiness => ({ state: 'refused', reason });

/** What the checks of apply read: AWS as it is now, and the settings the plan must agree with. */
export interface CheckContext {
  world: World;
  environment: string;
  managementAccountId: string;
  desired: DesiredIndex;
}

export interface ExecuteContext {
  world: World;
  writer: OrganizationWriter;
  /** The Account Management API: account names and alternate contacts. */
  accountApi: AccountManagement;
  /** Service control policies. */
  policies: PolicyStore;
  clock: Clock;
  environment: string;
  /** Wait between two reads of a CreateAccount request in progress. */
  pollMs: number;
  /** Give up waiting for a CreateAccount request after this long. */
  createTimeoutMs: number;
}

export interface Executed {
  /** false when AWS already was as the change wants it. */
  changed: boolean;
  message: string;
  resourceId?: string;
}

/**
 * One kind of change: how it is shown, where it runs in the order, what apply checks before anything is
 * written, and how it runs. Its diff lives in the same module; the registry (registry.ts) holds every kind.
 */
export interface ChangeKind<A extends Action> {
  readonly action: A;
  /** As terraform users read it: + create, ~ change, - remove or close. */
  readonly sign: '+' | '~' | '-';
  /** Destructive changes are shown first and make a plan large. */
  readonly destructive: boolean;
  /** Position in the order of a plan: closing first, then the tree, then accounts, then budgets. */
  readonly order: number;
  /** Whether the change counts as touching an account, for the large-plan share. */
  readonly touchesAccount: boolean;
  /**
   * Checks the change against AWS as it is now (reads only what it touches) and against the settings: a
   * change the settings do not ask for is refused whatever the plan file says.
   */
  check(change: ChangeOf<A>, ctx: CheckContext): Promise<Readiness>;
  /** Runs the change; every path is idempotent, so that running an interrupted plan again converges. */
  execute(change: ChangeOf<A>, ctx: ExecuteContext): Promise<Executed>;
  /** Its rows in the plan's renderings: each field it sets, before and after, and where the new value comes from. */
  rows(change: ChangeOf<A>): FieldRow[];
}

/** What a plan function says of a change: all but its key, action and destructiveness, which its kind gives. */
export type ChangeFields<A extends Action> = Omit<ChangeOf<A>, 'key' | 'action' | 'destructive'>;

/** A change of a kind: its key (the action and the address) and its destructiveness come from the kind. */
export function change<A extends Action>(
  kind: Pick<ChangeKind<A>, 'action' | 'destructive'>,
  fields: ChangeFields<A>,
): ChangeOf<A> {
  const { address, reason, ...rest } = fields;
  return {
    key: changeKey(kind.action, address),
    address,
    action: kind.action,
    reason,
    destructive: kind.destructive,
    ...rest,
  } as ChangeOf<A>;
}
