import type { Activity } from '../../ports/activities.js';
import { compareCostCenters, NO_COST_CENTER, type ReportAccount } from '../costs/accounts.js';
import type { AmountCell, Cell, Column, Row, Table } from '../table.js';

/** The words of each kind of activity, in the report and in its CSV `Row` column. */
export const ACTIVITY_KINDS = {
  SuccessfulOnBoarding: { label: 'On-boarding', row: 'on-boarding', plural: 'on-boardings' },
  SuccessfulMaintenance: { label: 'Maintenance', row: 'maintenance', plural: 'maintenances' },
  ConsoleLogin: { label: 'Console login', row: 'console-login', plural: 'console logins' },
} as const satisfies Record<Activity['kind'], { label: string; row: string; plural: string }>;

export const ACTIVITY_COLUMNS: Column[] = [
  { header: 'Cost Center', type: 'text', description: 'The cost center the activity counts for: the account’s when it happened.' },
  { header: 'Activity', type: 'text', description: 'On-boarding, Maintenance or Console login; summary rows count them.' },
  { header: 'Time (UTC)', type: 'date', description: 'When the activity ended (a console login: when it happened), UTC.' },
  { header: 'Account', type: 'text', description: 'The 12-digit account id.' },
  { header: 'Name', type: 'text', description: 'The account name.' },
  { header: 'Organizational Unit', type: 'text', description: 'The path of the account’s OU.' },
  { header: 'Details', type: 'text', description: 'The transaction of a build, or who signed in.' },
  { header: 'Begin (UTC)', type: 'date', description: 'When the on-boarding or maintenance began, UTC.' },
  { header: 'Duration (minutes)', type: 'amount', description: 'How long it took, in minutes; summary rows add them up.' },
];

/** An activity placed in the report: the account as it is now, the cost center it is counted for. */
export interface ReportActivity {
  activity: Activity;
  account: ReportAccount;
  costCenter: string;
}

/**
 * The cost center of an activity: the one recorded with it (the cost center of the account when the
 * transaction ended), else the one the settings give the account now, else NoCostCenter.
 */
export function placeActivities(
  activities: readonly Activity[],
  accountOf: (id: string) => ReportAccount,
): ReportActivity[] {
  return activities.map((activity) => {
    const account = accountOf(activity.accountId);
    const recorded = activity.costCenter?.trim();
    return { activity, account, costCenter: recorded ? recorded : account.costCenter || NO_COST_CENTER };
  });
}

/** Activities per cost center, cost centers in report order, activities in time order. */
export function byCostCenter(placed: readonly ReportActivity[]): Map<string, ReportActivity[]> {
  const out = new Map<string, ReportActivity[]>();
  const names = [...new Set(placed.map((p) => p.costCenter))].sort(compareCostCenters);
  for (const name of names) out.set(name, []);
  for (const p of [...placed].sort(byTime)) out.get(p.costCenter)!.push(p);
  return out;
}

function byTime(a: ReportActivity, b: ReportActivity): number {
  const x = a.activity;
  const y = b.activity;
  return x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** Minutes with two decimals, in hundredths (the table's two-decimal number). */
export function durationCents(seconds: number): bigint {
  return BigInt(Math.round((seconds * 100) / 60));
}

/** "3 on-boardings, 1 maintenance, 12 console logins": what a cost center did, kinds with none left out. */
export function countWords(activities: readonly ReportActivity[]): string {
  const parts: string[] = [];
  for (const [kind, words] of Object.entries(ACTIVITY_KINDS)) {
    const n = activities.filter((a) => a.activity.kind === kind).length;
    if (n > 0) parts.push(`${n} ${n === 1 ? words.label.toLowerCase() : words.plural}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no activity';
}

function activityRow(p: ReportActivity, level: number): Row {
  const a = p.activity;
  const words = ACTIVITY_KINDS[a.kind];
  const duration: Cell = a.durationSeconds !== undefined ? { cents: durationCents(a.durationSeconds) } : '';
  const details = a.kind === 'ConsoleLogin' ? (a.identity ?? '') : `transaction ${a.id}`;
  return {
    kind: words.row,
    level,
    cells: [p.costCenter, words.label, a.at, a.accountId, p.account.name, p.account.ou, details, a.begin ?? '', duration],
  };
}

/** The sum of the durations of rows first..last, as a SUBTOTAL that ignores nested ones. */
function durationTotal(rows: readonly Row[], first: number, last: number): AmountCell {
  let cents = 0n;
  for (let i = first; i <= last; i++) {
    const cell = rows[i]?.cells[8];
    if (typeof cell === 'object' && rows[i]!.kind !== 'cost-center') cents += cell.cents;
  }
  return { cents, subtotalOf: { first, last: Math.max(first, last) } };
}

/**
 * The activities of a month: one summary row per cost center (what it did, the minutes its on-boardings and
 * maintenances took) above its activities, and a total row on top when `total` is given.
 */
export function activityTable(centers: ReadonlyMap<string, ReportActivity[]>, options: { total: boolean }): Table {
  const rows: Row[] = [];
  const shift = options.total ? 1 : 0;
  if (options.total) rows.push({ kind: 'total', level: 0, bold: true, cells: [] });
  for (const [name, activities] of centers) {
    const index = rows.length;
    const summary: Row = { kind: 'cost-center', level: shift, bold: true, cells: [] };
    rows.push(summary, ...activities.map((p) => activityRow(p, shift + 1)));
    summary.cells = [name, countWords(activities), '', '', '', '', '', '', durationTotal(rows, index + 1, rows.length - 1)];
  }
  if (options.total)
    rows[0]!.cells = ['TOTAL', countWords([...centers.values()].flat()), '', '', '', '', '', '', durationTotal(rows, 1, rows.length - 1)];
  return { sheet: 'Activities', columns: ACTIVITY_COLUMNS, rows };
}
