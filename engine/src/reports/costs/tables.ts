import type { AmountCell, Cell, Column, Row, Table } from '../table.js';
import type { AccountNode, CostCenterNode, CostTree } from './cost-tree.js';

/** Text cells of a row, by level: the same leading columns in every cost table. */
interface Leading {
  costCenter: string;
  ou: string;
  account: string;
  name: string;
  /** The state of an account, or the line's key in a detail table. */
  last: string;
}

interface Layout {
  month: string;
  /** Cells of an account row (plain amounts, or sums of the row). */
  accountCells(account: AccountNode): AmountCell[];
  /** Rows below an account (services, usage types); none in the summary and the charges. */
  lines?(account: AccountNode): { key: string; cents: bigint }[];
  /** Accounts collapsed under their OU at first. */
  collapseAccounts: boolean;
  /** The label of the total row on top; none in the table of one cost center, whose top row is its total. */
  total?: string;
}

const text = (month: string, l: Leading): Cell[] => [month, l.costCenter, l.ou, l.account, l.name, l.last];
const EMPTY: Leading = { costCenter: '', ou: '', account: '', name: '', last: '' };

/**
 * Rows of a cost tree, each summary row above the rows it sums: total (level 0) -> cost center (1) -> OU (2)
 * -> account (3) [-> line (4)]. Summary rows hold SUBTOTAL formulas over the rows below them, which ignore
 * the nested SUBTOTALs, so each amount counts once at every level.
 */
export function treeRows(tree: CostTree, layout: Layout): Row[] {
  const rows: Row[] = [];
  // Without a total row (the table of one cost center), the cost center is the top level.
  const shift = layout.total ? 0 : 1;
  const group = (kind: string, level: number, leading: Leading, cents: bigint[], fill: () => void) => {
    const index = rows.length;
    const row: Row = { kind, level: level - shift, cells: [], bold: true };
    rows.push(row);
    fill();
    const last = rows.length - 1;
    const sums = cents.map((c) => ({ cents: c, subtotalOf: { first: index + 1, last } }));
    row.cells = [...text(layout.month, leading), ...sums];
    return row;
  };
  const centers = () => {
    for (const center of tree.costCenters) centerRows(center, layout, group, rows, shift);
  };
  if (layout.total) group('total', 0, { ...EMPTY, costCenter: layout.total }, tree.cents, centers);
  else centers();
  return rows;
}

type Group = (kind: string, level: number, leading: Leading, cents: bigint[], fill: () => void) => Row;

function centerRows(center: CostCenterNode, layout: Layout, group: Group, rows: Row[], shift: number): void {
  group('cost-center', 1, { ...EMPTY, costCenter: center.name }, center.cents, () => {
    for (const ou of center.ous) {
      group('organizational-unit', 2, { ...EMPTY, costCenter: center.name, ou: ou.path }, ou.cents, () => {
        for (const account of ou.accounts) {
          const leading: Leading = {
            costCenter: center.name,
            ou: ou.path,
            account: account.account.id,
            name: account.account.name,
            last: layout.lines ? '' : account.account.state,
          };
          const hidden = layout.collapseAccounts;
          if (!layout.lines) {
            rows.push({ kind: 'account', level: 3 - shift, cells: [...text(layout.month, leading), ...layout.accountCells(account)], hidden });
            continue;
          }
          group('account', 3, leading, account.cents, () => {
            for (const line of layout.lines!(account))
              rows.push({
                kind: 'line',
                level: 4 - shift,
                cells: [...text(layout.month, { ...leading, last: line.key }), { cents: line.cents }],
              });
          });
        }
      });
    }
  });
}

const amountColumn = (header: string, description?: string): Column => ({
  header,
  type: 'amount',
  ...(description ? { description } : {}),
});

/** What each text column of the cost tables holds. */
const TEXT_COLUMNS: Record<string, string> = {
  Month: 'The month of the costs (YYYY-MM).',
  'Cost Center':
    "The account's cost center (the tag named by reporting.costCenterTag); NoCostCenter when it has none.",
  'Organizational Unit': 'The path of the OU the account is in, from the root.',
  Account: 'The 12-digit account id (text: its leading zeros are kept).',
  Name: 'The account name.',
  State: 'ACTIVE, or CLOSED/SUSPENDED for an account closed since, or unknown for an account no longer in the organization.',
  Service: 'The AWS service, as Cost Explorer names it.',
  'Usage Type': 'The usage type, as Cost Explorer names it.',
};

const textColumns = (last: string): Column[] =>
  ['Month', 'Cost Center', 'Organizational Unit', 'Account', 'Name', last].map((header) => ({
    header,
    type: 'text' as const,
    ...(TEXT_COLUMNS[header] ? { description: TEXT_COLUMNS[header] } : {}),
  }));

/** The summary: cost center -> OU -> account, one amount (credits and refunds apart unless settings say). */
export function summaryTable(tree: CostTree, month: string, currency: string, metric: string): Table {
  return {
    sheet: 'Summary',
    columns: [
      ...textColumns('State'),
      amountColumn(
        `Amount (${currency})`,
        `The cost of the month (${metric}); summary rows add up the rows of their group (SUBTOTAL formulas).`,
      ),
    ],
    rows: treeRows(tree, {
      month,
      accountCells: (a) => [{ cents: a.cents[0]! }],
      collapseAccounts: true,
      total: 'Total',
    }),
  };
}

/** The charges: one column per record type, and their sum per row. */
export function chargesTable(tree: CostTree, month: string, currency: string, metric: string): Table {
  const first = 7;
  const last = first + tree.columns.length - 1;
  return {
    sheet: 'Charges',
    columns: [
      ...textColumns('State'),
      amountColumn(`Charges (${currency})`, `Every charge of the month (${metric}): the sum of the record types that follow.`),
      ...tree.columns.map((c) => amountColumn(`${c} (${currency})`, `The charges of record type ${c} (${metric}).`)),
    ],
    rows: treeRows(
      { ...tree, cents: withSum(tree.cents), costCenters: tree.costCenters.map(withTotals) },
      {
        month,
        accountCells: (a) => [
          { cents: a.cents.reduce((s, c) => s + c, 0n), sumOfColumns: { first, last } },
          ...a.cents.map((cents) => ({ cents })),
        ],
        collapseAccounts: true,
        total: 'Total',
      },
    ),
  };
}

/** Summary rows of the charges carry the sum of their record types first. */
function withTotals(center: CostCenterNode): CostCenterNode {
  return {
    ...center,
    cents: withSum(center.cents),
    ous: center.ous.map((ou) => ({ ...ou, cents: withSum(ou.cents) })),
  };
}

const withSum = (cents: bigint[]) => [cents.reduce((s, c) => s + c, 0n), ...cents];

/** Services or usage types of one cost center: account rows sum their lines. */
export function detailTable(
  tree: CostTree,
  center: CostCenterNode,
  month: string,
  currency: string,
  kind: { sheet: string; column: string; metric: string },
): Table {
  const single: CostTree = { ...tree, cents: center.cents, costCenters: [center] };
  const rows = treeRows(single, {
    month,
    accountCells: (a) => [{ cents: a.cents[0]! }],
    lines: (a) => a.lines,
    collapseAccounts: false,
  });
  return {
    sheet: kind.sheet,
    columns: [
      ...textColumns(kind.column),
      amountColumn(`Amount (${currency})`, `The cost of the month per ${kind.column.toLowerCase()} (${kind.metric}).`),
    ],
    rows,
  };
}
