import type { AccountRecord } from '../../domain/lifecycle-states.js';
import type { ObservedAccount } from '../../observed/types.js';
import type { CostExplorer } from '../../ports/cost-explorer.js';
import type { ReportFile } from '../../ports/report-store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import { NO_COST_CENTER, ROOT_OU } from '../costs/accounts.js';
import { inventoryTable, groupLines, type InventoryLine } from './inventory-table.js';
import { renderInventoryReadme } from './inventory-readme.js';
import { readMonthToDate } from './month-to-date.js';

/** What the settings say of an account: undefined when SPA does not manage it. */
export interface InventorySettings {
  holder?: string;
  budget?: { amount: number; currency: string };
}

export interface InventoryOptions {
  now: Date;
  /** The cost allocation tag (reporting.costCenterTag) Cost Explorer groups the month's costs by. */
  costCenterTag: string;
  includeCredits: boolean;
}

export interface InventoryDeps {
  /** Every account of the organization with its OU path (listed, tags not read). */
  accounts: readonly ObservedAccount[];
  records: readonly AccountRecord[];
  settingsOf(account: ObservedAccount): InventorySettings | undefined;
  /** The cost center the settings give each managed account that has one, by account id. */
  costCenters: ReadonlyMap<string, string>;
  costs: CostExplorer;
  writer: TableWriter;
}

export interface InventoryReport {
  folder: string;
  files: ReportFile[];
  accounts: number;
  costCenters: number;
  currency: string;
}

/** reports/inventory/<yyyy>/<yyyy-mm-dd>/: one folder per weekly inventory. */
export function inventoryFolder(date: string): string {
  return `reports/inventory/${date.slice(0, 4)}/${date}`;
}

function line(a: ObservedAccount, record: AccountRecord | undefined, settings: InventorySettings | undefined, costCenter: string | undefined, currency: string, cost: bigint | undefined): InventoryLine {
  const budget = settings?.budget;
  return {
    costCenter: costCenter ?? NO_COST_CENTER,
    // The engine's default holder of a managed account is its email (DESIGN.md section 4).
    holder: settings?.holder ?? (settings ? a.email : ''),
    ou: a.ouPath === '' ? ROOT_OU : a.ouPath,
    id: a.id,
    name: a.name,
    email: a.email,
    // Without a record the state is the tag's, which no account is read for: said, never guessed.
    state: settings ? (record?.state ?? 'no record') : 'not managed',
    lastConsoleLogin: record?.lastConsoleLogin?.at ?? '',
    budget: budget === undefined ? undefined : budget.currency === currency ? BigInt(Math.round(budget.amount * 100)) : `${budget.amount} ${budget.currency}`,
    monthToDate: cost ?? 0n,
  };
}

/**
 * The weekly inventory (spa report inventory): every active account with its OU (listing), its state and last
 * console login (records table), its holder and budget (settings), its costs of the month so far and the cost
 * center they were charged to (Cost Explorer; the settings' for an account without costs yet). No account is read
 * one by one.
 */
export async function makeInventoryReport(options: InventoryOptions, deps: InventoryDeps): Promise<InventoryReport> {
  const mtd = await readMonthToDate(deps.costs, options.now, options.includeCredits, options.costCenterTag);
  const records = new Map(deps.records.map((r) => [r.accountId, r]));
  const costCenterOf = (id: string) => mtd.costCenters.get(id) ?? deps.costCenters.get(id);
  const lines = deps.accounts
    .filter((a) => a.status === 'ACTIVE')
    .map((a) => line(a, records.get(a.id), deps.settingsOf(a), costCenterOf(a.id), mtd.currency, mtd.byAccount.get(a.id)));
  const centers = groupLines(lines);
  const date = options.now.toISOString().slice(0, 10);
  const folder = inventoryFolder(date);
  const table = inventoryTable(centers, mtd.currency);
  const base = `${date}-inventory`;
  const readme = renderInventoryReadme({
    date,
    madeAt: options.now,
    currency: mtd.currency,
    window: mtd,
    centers,
    requests: deps.costs.requests,
    files: [
      { label: 'Inventory (Excel)', path: `${base}.xlsx` },
      { label: 'Inventory (CSV)', path: `${base}.csv` },
    ],
  });
  return {
    folder,
    files: [
      { path: `${folder}/${base}.xlsx`, content: await deps.writer.xlsx(table) },
      { path: `${folder}/${base}.csv`, content: deps.writer.csv(table) },
      { path: `${folder}/README.md`, content: new TextEncoder().encode(readme) },
    ],
    accounts: lines.length,
    costCenters: centers.size,
    currency: mtd.currency,
  };
}
