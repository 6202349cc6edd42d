import { sha256Hex } from '../domain/digest.js';
import type { CsvRowsData, DesiredAccount, DesiredOrganization, DesiredOu } from '../desired/types.js';

/**
 * What a pull request can change, from the desired organizations of its base and its head alone (pure, no AWS):
 * the account files, CSV rows and OU files whose desired state differs. A change that reaches everything
 * (settings.yaml, the environment, or the service control policies an OU attaches) makes the plan full.
 */
export type PlanScope =
  | { kind: 'full'; reason: string }
  | {
      kind: 'targeted';
      /** Account files (by name) added, removed or changed. */
      files: Set<string>;
      /** CSV rows that name no file (`id:<id>` or `email:<email>`) added, removed or changed. */
      rows: Set<string>;
      /** OU files added, removed or changed: their OU and every account below it are reached. */
      ous: Set<string>;
    };

const json = (value: unknown) => JSON.stringify(value);

/** The keys whose values differ between two maps (present in one only, or different). */
function differing<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of a) if (!b.has(k) || json(b.get(k)) !== json(v)) out.add(k);
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return out;
}

export const rowKey = (rows: Pick<CsvRowsData, 'kind' | 'account'>) => `${rows.kind}:${rows.account}`;

const byName = (d: DesiredOrganization) =>
  new Map<string, DesiredAccount>(d.accounts.map((a) => [a.name, a]));
const byPath = (d: DesiredOrganization) =>
  new Map<string, DesiredOu>(d.organizationalUnits.map((o) => [o.path, o]));
const byRow = (d: DesiredOrganization) => new Map<string, CsvRowsData>(d.csvRows.map((r) => [rowKey(r), r]));

/** The scope of a pull request: the parts of the desired organization that differ between base and head. */
export function scopeOf(base: DesiredOrganization, head: DesiredOrganization): PlanScope {
  if (base.environment !== head.environment) return { kind: 'full', reason: 'the environment changes' };
  if (json(base.settings) !== json(head.settings))
    return { kind: 'full', reason: 'settings.yaml changes, which reaches every account' };
  const ous = differing(byPath(base), byPath(head));
  const scps = (d: DesiredOrganization, p: string) => json(byPath(d).get(p)?.serviceControlPolicies ?? []);
  // Policy changes are never claimed by a targeted plan: a change of the policies an OU attaches makes it full.
  const withPolicies = [...ous].find((p) => scps(base, p) !== scps(head, p));
  if (withPolicies !== undefined)
    return { kind: 'full', reason: `the service control policies of the OU ${withPolicies} change` };
  return {
    kind: 'targeted',
    files: differing(byName(base), byName(head)),
    rows: differing(byRow(base), byRow(head)),
    ous,
  };
}

/** What a targeted plan reads of AWS: accounts by id, OU paths (with their chain), and whole sub-trees. */
export interface ScopeRead {
  accountIds: readonly string[];
  /** OU paths whose OU (and every OU above) must be known: the OUs of the files in scope and the OUs in scope. */
  ouPaths: readonly string[];
  /** OU paths below which every account is read, at any depth. */
  subtrees: readonly string[];
  /** OUs whose tags are read (the OU files in scope). */
  ouTagPaths: readonly string[];
  /** Emails of accounts the index names only by digest: their ids take one scan of the accounts. */
  scanEmails: readonly string[];
}

/**
 * The reads of a targeted scope. Accounts named by email are found through `index` (lowercase email -> id), the
 * accounts of the organization as the last full plan saw them: AWS has no lookup by email but a scan of every
 * account. An email the index lacks names no account (as of the index).
 */
export function readsOf(
  scope: Extract<PlanScope, { kind: 'targeted' }>,
  sides: readonly DesiredOrganization[],
  index: ReadonlyMap<string, string>,
  others: ReadonlySet<string> = new Set(),
): ScopeRead {
  const ids = new Set<string>();
  const scan = new Set<string>();
  const ouPaths = new Set<string>(scope.ous);
  const byEmail = (email: string) => {
    const id = index.get(email.toLowerCase());
    if (id) ids.add(id);
    else if (others.has(sha256Hex(email.toLowerCase()))) scan.add(email.toLowerCase());
  };
  for (const side of sides) {
    for (const file of side.accounts) {
      if (!scope.files.has(file.name)) continue;
      if (file.id) ids.add(file.id);
      byEmail(file.email);
      const ou = file.settings.organizationalUnit?.value;
      if (ou) ouPaths.add(ou);
    }
    for (const rows of side.csvRows) {
      if (!scope.rows.has(rowKey(rows))) continue;
      if (rows.kind === 'id') ids.add(rows.account);
      else byEmail(rows.account);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    accountIds: sorted(ids),
    ouPaths: sorted(ouPaths),
    subtrees: sorted(scope.ous),
    ouTagPaths: sorted(scope.ous),
    scanEmails: sorted(scan),
  };
}

/** Whether `path` is `root` or below it. */
export function isBelow(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}
