import type { ObservedAccount } from '../../observed/types.js';

/** The cost center of an account without the tag (the original said NoCostTag). */
export const NO_COST_CENTER = 'NoCostCenter';
/** The OU shown for an account that Cost Explorer knows and Organizations does not (issue #105). */
export const NOT_IN_ORGANIZATION = '(not in the organization)';
export const ROOT_OU = 'Root';

export type AccountState = 'active' | 'closed' | 'deleted';

/** An account as a cost report shows it: where it is now, whose costs it carries. */
export interface ReportAccount {
  id: string;
  name: string;
  /** OU path at report time; Root for the root, NOT_IN_ORGANIZATION for a deleted account. */
  ou: string;
  costCenter: string;
  state: AccountState;
}

/**
 * Every account of the organization, closed and moved ones included (issue #101: cost centers of all accounts,
 * not only managed ones). The cost center comes from `costCenters` when given (Cost Explorer's, by account id),
 * else from the account's tag; an empty tag value counts as no tag.
 */
export function accountDirectory(
  accounts: readonly ObservedAccount[],
  costCenterTag: string,
  costCenters?: ReadonlyMap<string, string>,
): Map<string, ReportAccount> {
  const out = new Map<string, ReportAccount>();
  for (const a of accounts) {
    const tag = costCenters ? costCenters.get(a.id) : a.tags[costCenterTag]?.trim();
    out.set(a.id, {
      id: a.id,
      name: a.name,
      ou: a.ouPath === '' ? ROOT_OU : a.ouPath,
      costCenter: tag ? tag : NO_COST_CENTER,
      state: a.status === 'ACTIVE' ? 'active' : 'closed',
    });
  }
  return out;
}

/**
 * The account of an id Cost Explorer gave; a deleted one keeps its id, the name and the cost center Cost Explorer
 * knows.
 */
export function accountOf(
  directory: ReadonlyMap<string, ReportAccount>,
  id: string,
  namesFromCostExplorer: ReadonlyMap<string, string>,
  costCentersFromCostExplorer?: ReadonlyMap<string, string>,
): ReportAccount {
  return (
    directory.get(id) ?? {
      id,
      name: namesFromCostExplorer.get(id) ?? '',
      ou: NOT_IN_ORGANIZATION,
      costCenter: costCentersFromCostExplorer?.get(id) ?? NO_COST_CENTER,
      state: 'deleted',
    }
  );
}

/** Cost centers in report order: by name, NoCostCenter last. */
export function compareCostCenters(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_COST_CENTER) return 1;
  if (b === NO_COST_CENTER) return -1;
  return a < b ? -1 : 1;
}
