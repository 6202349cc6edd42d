import type { DesiredOrganization } from '../desired/types.js';
import { indexDesired } from '../desired/index-of.js';
import type { ObservedOrganization } from '../observed/types.js';
import { checkIdentity, type MakePlanInput } from './make-plan.js';
import { contactReadsOf } from './contact-reads.js';
import { readAccountApi } from './read-account-api.js';
import { readsOf, scopeOf, type ScopeRead } from './scope.js';
import { budgetNamesOf, buildTargetedPlan, claimOf, type ReferencePlan } from './targeted.js';
import type { Plan } from './types.js';

export interface TargetedPlanInput extends Omit<MakePlanInput, 'desired' | 'policies' | 'progress'> {
  base: DesiredOrganization;
  head: DesiredOrganization;
  /** The last full plan of the base branch (the drift run's): its account index, guards' inputs and time. */
  reference: Plan | undefined;
}

export type TargetedOutcome = { kind: 'targeted'; head: Plan; base: Plan } | { kind: 'full'; reason: string };

/** Why a reference plan cannot serve a targeted plan of these settings, if it cannot. */
function unusable(reference: Plan | undefined, head: DesiredOrganization): string | undefined {
  if (!reference) return 'no full plan of the base branch to stand on';
  if (reference.scope?.kind !== 'full' || !reference.index)
    return 'the reference plan is not a full plan with an account index';
  if (reference.environment !== head.environment) return 'the reference plan is of another environment';
  if (reference.managementAccountId !== head.settings.aws.managementAccountId)
    return 'the reference plan is of another organization';
  return undefined;
}

/**
 * The plans of a pull request's head and base, reading only what the pull request can change (plan/scope.ts):
 * one read of AWS serves both. Returns why a full plan is needed instead, when it is.
 */
export async function makeTargetedPlans(input: TargetedPlanInput): Promise<TargetedOutcome> {
  const { base, head, reference } = input;
  const scope = scopeOf(base, head);
  if (scope.kind === 'full') return scope;
  const why = unusable(reference, head);
  if (why || !reference?.index) return { kind: 'full', reason: why ?? '' };
  const identity = await checkIdentity({ ...input, desired: head });
  if (identity.organizationId !== reference.organizationId)
    return { kind: 'full', reason: 'the reference plan is of another organization' };
  const index = new Map(reference.index.accounts.map(([id = '', email = '']) => [email, id]));
  const others = new Set(reference.index.otherEmails ?? []);
  const read = await withScannedIds(input, readsOf(scope, [base, head], index, others));
  input.phase?.(`reading ${read.accountIds.length} account(s) and ${read.subtrees.length} OU sub-tree(s)`);
  const ouHints = new Map((reference.index.ous ?? []).map(([id = '', path = '']) => [id, path]));
  const creations = mayCreate(scope, [base, head], index);
  const observed = await input.reader.readScope({ ...read, identity, ouHints, creations });
  const budgets = await input.budgets.readBudgets(budgetNamesOf(head.environment, observed));
  const apiHead = await readAccountApi(input.accountApi, head, observed, input.phase);
  const apiBase = sameContactReads(base, head, observed)
    ? apiHead
    : await readAccountApi(input.accountApi, base, observed, input.phase);
  const claim = claimOf(scope, [base, head], observed);
  const ref: ReferencePlan = {
    createdAt: reference.createdAt,
    commit: reference.git.commit,
    digest: reference.digest,
    guards: reference.guards,
  };
  const now = input.clock.now();
  const plan = (desired: DesiredOrganization, accountApi: typeof apiHead) =>
    buildTargetedPlan({ desired, observed, budgets, accountApi, now, scope, claim, reference: ref });
  return { kind: 'targeted', head: plan(head, apiHead), base: plan(base, apiBase) };
}

/** Whether an account file in scope names no account the index knows (by id or email): it may be created. */
function mayCreate(
  scope: Extract<ReturnType<typeof scopeOf>, { kind: 'targeted' }>,
  sides: readonly DesiredOrganization[],
  index: ReadonlyMap<string, string>,
): boolean {
  return sides.some((side) =>
    side.accounts.some(
      (f) => scope.files.has(f.name) && f.id === undefined && !index.has(f.email.toLowerCase()),
    ),
  );
}

/** The ids of accounts the index names only by digest, found with one scan of the accounts (rare: adoptions). */
async function withScannedIds(input: TargetedPlanInput, read: ScopeRead): Promise<ScopeRead> {
  if (read.scanEmails.length === 0) return read;
  const all = await input.reader.accountsByEmail();
  const found = read.scanEmails.flatMap((e) => {
    const id = all.get(e)?.id;
    return id ? [id] : [];
  });
  return { ...read, accountIds: [...new Set([...read.accountIds, ...found])].sort(), scanEmails: [] };
}

function sameContactReads(
  a: DesiredOrganization,
  b: DesiredOrganization,
  observed: ObservedOrganization,
): boolean {
  const reads = (d: DesiredOrganization) => JSON.stringify([...contactReadsOf(indexDesired(d), observed)]);
  return reads(a) === reads(b);
}
