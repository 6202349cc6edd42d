import type { DesiredOrganization } from '../desired/types.js';
import type { ObservedBudget, ObservedOrganization } from '../observed/types.js';
import { budgetName } from '../domain/names.js';
import { sha256Hex } from '../domain/digest.js';
import { indexDesired, isManagedPath } from '../desired/index-of.js';
import { subjectOf } from '../changes/managed-account.js';
import { assemble, buildPlan, type PlanInput } from './build-plan.js';
import { isBelow, rowKey, type PlanScope, type ScopeRead } from './scope.js';
import type { Change, Finding, Plan } from './types.js';

type Targeted = Extract<PlanScope, { kind: 'targeted' }>;

/** The full plan a targeted plan stands on: its guards' inputs, its time and commit. */
export interface ReferencePlan {
  createdAt: string;
  commit: string | null;
  digest: string;
  guards: Plan['guards'];
}

/** What a targeted plan claims: every change and finding of these accounts (by address subject) and OU files. */
export interface Claim {
  accounts: Set<string>;
  ous: Set<string>;
  /** CSV rows in scope, by `file:line`: their csv-unmatched findings are claimed. */
  rows: Set<string>;
  /** Ids of the accounts read. */
  ids: Set<string>;
  /** Accounts reached: those read, and the files in scope that match no account (to be created). */
  reached: number;
}

export function claimOf(
  scope: Targeted,
  sides: readonly DesiredOrganization[],
  observed: ObservedOrganization,
): Claim {
  const ids = new Set(observed.accounts.map((a) => a.id));
  const emails = new Set(observed.accounts.map((a) => a.email));
  const unmatched = new Set<string>();
  const rows = new Set<string>();
  for (const side of sides) {
    for (const r of side.csvRows)
      if (scope.rows.has(rowKey(r))) rows.add(`${r.source.file}:${r.source.line}`);
    for (const f of side.accounts) {
      if (!scope.files.has(f.name)) continue;
      if (f.csv) rows.add(`${f.csv.source.file}:${f.csv.source.line}`);
      if (!(f.id !== undefined && ids.has(f.id)) && !emails.has(f.email)) unmatched.add(f.name);
    }
  }
  const accounts = new Set([...scope.files, ...ids]);
  return { accounts, ous: new Set(scope.ous), rows, ids, reached: ids.size + unmatched.size };
}

/** Whether a change belongs to the claim: its account (file name or id) or its OU file. Policies never do. */
export function claimsChange(claim: Claim, change: Pick<Change, 'address'>): boolean {
  const kind = change.address.slice(0, change.address.indexOf('/'));
  if (kind === 'ou') return claim.ous.has(subjectOf(change.address));
  if (kind === 'policy') return false;
  const subject = subjectOf(change.address);
  return claim.accounts.has(kind === 'contact' ? subject.slice(0, subject.lastIndexOf('/')) : subject);
}

/**
 * The changes a claim holds, and the changes they wait for (`dependsOn`), transitively: an OU to create above an
 * OU file in scope is created first, even though no file of the pull request names it.
 */
export function claimedChanges(claim: Claim, all: readonly Change[]): Change[] {
  const byKey = new Map(all.map((c) => [c.key, c]));
  const kept = new Set(all.filter((c) => claimsChange(claim, c)).map((c) => c.key));
  const todo = [...kept];
  while (todo.length > 0) {
    for (const dep of byKey.get(todo.pop()!)?.dependsOn ?? [])
      if (!kept.has(dep) && byKey.has(dep)) {
        kept.add(dep);
        todo.push(dep);
      }
  }
  return all.filter((c) => kept.has(c.key));
}

export function claimsFinding(claim: Claim, f: Finding): boolean {
  if (f.address !== undefined) return claimsChange(claim, { address: f.address });
  if (f.accountId !== undefined) return claim.ids.has(f.accountId);
  if (f.kind === 'csv-unmatched') return claim.rows.has(`${f.file}:${f.line}`);
  return false;
}

/**
 * What the targeted reads return, computed from a whole organization: the accounts read by id or below a
 * sub-tree, the OUs on the chains of the paths asked for and of the accounts read, the tags of the OUs asked
 * for. The AWS reader of a scope returns exactly this (a test holds them equal).
 */
export function observedPart(
  full: ObservedOrganization,
  read: Omit<ScopeRead, 'scanEmails'> & { creations?: boolean },
): ObservedOrganization {
  const ids = new Set(read.accountIds);
  const present = new Set(full.accounts.map((a) => a.id));
  const missing = read.accountIds.some((id) => !present.has(id));
  const creationsInProgress = read.creations !== false || missing ? full.creationsInProgress : [];
  const accounts = full.accounts.filter(
    (a) => ids.has(a.id) || (a.ouPath !== '' && read.subtrees.some((t) => isBelow(a.ouPath, t))),
  );
  const wanted = [...read.ouPaths, ...accounts.map((a) => a.ouPath).filter((p) => p !== '')];
  const tagged = new Set(read.ouTagPaths);
  const ous = new Map<string, ObservedOrganization['ous'] extends Map<string, infer O> ? O : never>();
  for (const [path, ou] of full.ous) {
    const onChain = wanted.some((w) => isBelow(w, path)) || read.subtrees.some((t) => isBelow(path, t));
    if (!onChain) continue;
    const { tags, ...rest } = ou;
    ous.set(path, tagged.has(path) && tags ? { ...rest, tags } : rest);
  }
  return { ...full, ous, accounts, creationsInProgress };
}

/** The budgets of the accounts read: the only ones a targeted plan reads. */
export function budgetNamesOf(environment: string, observed: ObservedOrganization): string[] {
  return observed.accounts.map((a) => budgetName(environment, a.id));
}

export function budgetsPart(
  all: ReadonlyMap<string, ObservedBudget>,
  names: readonly string[],
): Map<string, ObservedBudget> {
  return new Map(names.flatMap((n) => (all.has(n) ? [[n, all.get(n)!] as const] : [])));
}

/**
 * The targeted plan: the plan of the accounts and OUs read, keeping only what the scope claims; its guards'
 * inputs (managed and active accounts of the whole organization) come from the reference full plan.
 */
export function buildTargetedPlan(
  input: PlanInput & { scope: Targeted; claim: Claim; reference: ReferencePlan },
): Plan {
  const whole = buildPlan(input);
  const changes = claimedChanges(input.claim, whole.changes);
  const findings = whole.findings.filter((f) => claimsFinding(input.claim, f));
  const plan = assemble(input, { changes, findings }, input.reference.guards);
  return {
    ...plan,
    scope: {
      kind: 'targeted',
      accounts: input.claim.reached,
      subjects: [...input.claim.accounts].sort(),
      ous: [
        ...new Set([
          ...input.claim.ous,
          ...changes.filter((c) => c.address.startsWith('ou/')).map((c) => subjectOf(c.address)),
        ]),
      ].sort(),
      reference: {
        createdAt: input.reference.createdAt,
        commit: input.reference.commit,
        digest: input.reference.digest,
      },
    },
  };
}

/**
 * The index a full plan keeps for the targeted plans after it: the accounts it may show (claimed by a file,
 * below a managed OU, or carrying the reserved tags) by id and email, the OUs by id and path, and only a digest
 * of the other accounts' emails, since a plan never names an account SPA has nothing to do with.
 */
export function planIndex(
  desired: DesiredOrganization,
  observed: ObservedOrganization,
): NonNullable<Plan['index']> {
  const index = indexDesired(desired);
  const { state, holder } = desired.settings.reservedTags;
  const shown = (a: ObservedOrganization['accounts'][number]) =>
    index.accountsById.has(a.id) ||
    index.accountsByEmail.has(a.email) ||
    (a.ouPath !== '' && isManagedPath(index, a.ouPath)) ||
    a.tags[state] !== undefined ||
    a.tags[holder] !== undefined;
  return {
    accounts: observed.accounts.filter(shown).map((a) => [a.id, a.email]),
    otherEmails: observed.accounts.filter((a) => !shown(a)).map((a) => sha256Hex(a.email)),
    ous: [...observed.ous.values()].map((o) => [o.id, o.path]),
  };
}
