import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'csv-parse/sync';
import { costOrgSpec, monthData } from './cost-org.js';
import { minimalFor, workspace, type Emulator, type Workspace } from './org.js';
import { queueCostAnswers, reportAnswers, type MonthData } from '../support/cost-explorer.js';

export const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
export const SEPTEMBER = { start: '2026-09-01', end: '2026-10-01' };
export const FOLDER = 'reports/costs/2026/2026-10';

export interface CostWorkspace extends Workspace {
  /** Account ids of the seeded accounts, in the order of costOrgSpec. */
  ids: string[];
  idOf(name: string): string;
  /** The cost center tag of the seeded accounts, by id: what Cost Explorer sees on their costs. */
  costCenters: Record<string, string>;
}

/** The cost organization seeded in its own management account, with settings for reports. */
export async function costWorkspace(
  emulator: Emulator,
  reporting: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<CostWorkspace> {
  const spec = costOrgSpec();
  const ws = await workspace(
    emulator,
    spec,
    minimalFor({ settings: { reporting, ...extra }, ous: { Sandbox: {} } }),
  );
  const ids = spec.accounts!.map((a) => ws.seeded.accountIds.get(a.email.toLowerCase())!);
  const costCenters: Record<string, string> = {};
  spec.accounts!.forEach((a, i) => {
    const tag = a.tags?.['cost-center'];
    if (tag !== undefined) costCenters[ids[i]!] = tag;
  });
  return {
    ...ws,
    ids,
    costCenters,
    idOf: (name) => ids[spec.accounts!.findIndex((a) => a.name === name)]!,
  };
}

export function october(ws: CostWorkspace, extra: Partial<MonthData> = {}): MonthData {
  return monthData(ws.ids, OCTOBER, 10, { costCenters: ws.costCenters, ...extra });
}
export function september(ws: CostWorkspace): MonthData {
  return monthData(ws.ids, SEPTEMBER, 9, { costCenters: ws.costCenters });
}

/** Queues what one report run asks Cost Explorer. */
export async function queueMonth(
  emulator: Emulator,
  ws: CostWorkspace,
  month: MonthData,
  previous?: MonthData,
): Promise<void> {
  await queueCostAnswers(emulator.moto.endpoint, ws.managementAccountId, reportAnswers(month, previous));
}

export type CsvRow = Record<string, string>;

export function readCsv(path: string): CsvRow[] {
  return parse<CsvRow>(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true });
}

/** Every file below a folder, as paths relative to it. */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** Dollars text to cents, exactly. */
export function toCents(text: string): bigint {
  const negative = text.trim().startsWith('-');
  const [whole, fraction = ''] = text.replace(/[,\s]/g, '').replace(/^-/, '').split('.');
  const c = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -c : c;
}
