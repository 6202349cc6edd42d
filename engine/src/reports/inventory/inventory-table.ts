import { compareCostCenters } from '../costs/accounts.js';
import type { Cents } from '../money.js';
import type { AmountCell, Cell, Column, Row, Table } from '../table.js';

/** One account of the inventory, as the report shows it. */
export interface InventoryLine {
  costCenter: string;
  holder: string;
  ou: string;
  id: string;
  name: string;
  email: string;
  state: string;
  /** "2026-11-20T08:14:03Z by alice", or '' when nobody signed in since the runtime records it. */
  lastConsoleLogin: string;
  /** The effective budget in the report's currency; a text when the budget is in another currency. */
  budget: Cents | string | undefined;
  monthToDate: Cents;
}

export function inventoryColumns(currency: string): Column[] {
  return [
    { header: 'Cost Center', type: 'text', description: 'The cost center Cost Explorer charged the account’s costs of the month to (the cost allocation tag); for an account without costs yet, the one the settings give; NoCostCenter when none.' },
    { header: 'Holder', type: 'text', description: 'The person the settings assign the account to (its email by default).' },
    { header: 'Organizational Unit', type: 'text', description: 'The path of the account’s OU.' },
    { header: 'Account', type: 'text', description: 'The 12-digit account id.' },
    { header: 'Name', type: 'text', description: 'The account name.' },
    { header: 'Email', type: 'text', description: 'The root email of the account.' },
    { header: 'State', type: 'text', description: 'The lifecycle state (the runtime’s records table): released is ready to use; no record: the runtime has not recorded the account yet.' },
    { header: 'Last Console Login (UTC)', type: 'date', description: 'The last console sign-in the runtime saw, UTC; empty when none.' },
    { header: `Budget (${currency})`, type: 'amount', description: 'The monthly budget of the account.' },
    { header: `Month to Date (${currency})`, type: 'amount', description: 'What the account cost this month so far.' },
    { header: 'Over Budget', type: 'text', description: 'over when the month to date is above the budget; on a summary row, how many accounts are.' },
  ];
}

const BUDGET = 8;
const COST = 9;

/** Whether the account already cost more this month than its budget (in the report's currency). */
export const overBudget = (l: InventoryLine): boolean => typeof l.budget === 'bigint' && l.monthToDate > l.budget;

/** Lines per cost center (report order), each by OU path then account id. */
export function groupLines(lines: readonly InventoryLine[]): Map<string, InventoryLine[]> {
  const out = new Map<string, InventoryLine[]>();
  for (const name of [...new Set(lines.map((l) => l.costCenter))].sort(compareCostCenters)) out.set(name, []);
  const sorted = [...lines].sort((a, b) => (a.ou === b.ou ? (a.id < b.id ? -1 : 1) : a.ou < b.ou ? -1 : 1));
  for (const l of sorted) out.get(l.costCenter)!.push(l);
  return out;
}

function accountRow(l: InventoryLine): Row {
  const budget: Cell = typeof l.budget === 'bigint' ? { cents: l.budget } : (l.budget ?? '');
  return {
    kind: 'account',
    level: 2,
    cells: [l.costCenter, l.holder, l.ou, l.id, l.name, l.email, l.state, l.lastConsoleLogin, budget, { cents: l.monthToDate }, overBudget(l) ? 'over' : ''],
  };
}

/** "2 over" on a summary row, from the account rows first..last. */
function overCount(rows: readonly Row[], first: number, last: number): string {
  let n = 0;
  for (let i = first; i <= last; i++) if (rows[i]!.kind === 'account' && rows[i]!.cells[10] === 'over') n++;
  return n > 0 ? `${n} over` : '';
}

/** SUBTOTAL of an amount column over rows first..last, the account rows summed exactly. */
function subtotal(rows: readonly Row[], column: number, first: number, last: number): AmountCell {
  let cents = 0n;
  for (let i = first; i <= last; i++) {
    const cell = rows[i]!.cells[column];
    if (rows[i]!.kind === 'account' && typeof cell === 'object') cents += cell.cents;
  }
  return { cents, subtotalOf: { first, last: Math.max(first, last) } };
}

/**
 * The inventory: a total row on top, then per cost center a summary row (how many accounts, budgets and costs
 * summed) above its accounts. Budgets in another currency are text and stay out of the sums.
 */
export function inventoryTable(centers: ReadonlyMap<string, InventoryLine[]>, currency: string): Table {
  const rows: Row[] = [{ kind: 'total', level: 0, bold: true, cells: [] }];
  const summary = (name: string, count: number, first: number, last: number): Cell[] => [
    name, '', '', `${count} account${count === 1 ? '' : 's'}`, '', '', '', '',
    subtotal(rows, BUDGET, first, last), subtotal(rows, COST, first, last), overCount(rows, first, last),
  ];
  for (const [name, lines] of centers) {
    const index = rows.length;
    const row: Row = { kind: 'cost-center', level: 1, bold: true, cells: [] };
    rows.push(row, ...lines.map(accountRow));
    row.cells = summary(name, lines.length, index + 1, rows.length - 1);
  }
  const total = [...centers.values()].reduce((n, l) => n + l.length, 0);
  rows[0]!.cells = summary('TOTAL', total, 1, rows.length - 1);
  return { sheet: 'Inventory', columns: inventoryColumns(currency), rows };
}
