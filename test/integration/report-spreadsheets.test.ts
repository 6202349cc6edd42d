import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBudgetCommand } from '@aws-sdk/client-budgets';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  costWorkspace,
  FOLDER,
  filesBelow,
  october,
  queueMonth,
  readCsv,
  september,
  toCents,
  type CostWorkspace,
  type CsvRow,
} from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { cents, sum, units } from '../support/cost-explorer.js';
import { withLibreOffice, xlsxToCsv } from '../support/libreoffice.js';

const RATE = '0.9234';
let emulator: Emulator;
let rates: Server;
let ratesUrl: string;
let ws: CostWorkspace;
let folder: string;
let month: ReturnType<typeof october>;

beforeAll(async () => {
  emulator = await startEmulator();
  rates = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        result: 'success',
        base_code: 'USD',
        rates: { USD: 1, EUR: Number(RATE), GBP: 0.79 },
      }),
    );
  });
  await new Promise<void>((resolve) => rates.listen(0, '127.0.0.1', resolve));
  ratesUrl = `http://127.0.0.1:${(rates.address() as AddressInfo).port}/v6/latest/USD`;
  ws = await costWorkspace(emulator, { currencies: ['EUR'], exchangeRates: { url: ratesUrl } });
  month = october(ws, { pageSize: 5 });
  await queueMonth(emulator, ws, month, september(ws));
  // Budgets of 50.00 on two accounts, so that the budgets workbook has rows.
  for (const name of ['alice-sandbox', 'carol-lab'])
    await ws.aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: ws.managementAccountId,
        Budget: {
          BudgetName: `SpaTest-${ws.idOf(name)}`,
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: '50', Unit: 'USD' },
          CostFilters: { LinkedAccount: [ws.idOf(name)] },
        },
      }),
    );
  const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-14T07:00:00Z' });
  expect(r.stderr).not.toMatch(/^spa: /m);
  folder = join(ws.dir, FOLDER);
});
afterAll(async () => {
  await new Promise<void>((resolve) => rates?.close(() => resolve()));
  await emulator?.stop();
});

function readLibreCsv(path: string): string[][] {
  const rows: unknown = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true });
  return rows as string[][];
}

/** The engine's CSV and LibreOffice's evaluation of the XLSX hold the same rows and, to the cent, the same amounts. */
function expectSameTable(engine: CsvRow[], libre: string[][]): void {
  const [header, ...rows] = libre;
  expect(rows).toHaveLength(engine.length);
  const columns = Object.keys(engine[0]!).filter((c) => c !== 'Row');
  expect(header).toEqual(columns);
  engine.forEach((row, i) => {
    columns.forEach((c, j) => {
      const mine = row[c]!;
      const theirs = rows[i]![j] ?? '';
      if (c.endsWith(')') && /^[\w -]+ \(/.test(c) && /\d/.test(mine))
        expect(toCents(theirs), `row ${i + 2} ${c}`).toBe(toCents(mine));
      else expect(theirs, `row ${i + 2} ${c}`).toBe(mine.replace(/^'(?=[=+\-@])/, ''));
    });
  });
}

describe.runIf(withLibreOffice())('the Excel files, opened by LibreOffice', () => {
  it('are recalculated on load by the test profile (a wrong cached result would show)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').getCell('A1').value = { formula: '1+1', result: 5 };
    const file = join(mkdtempSync(join(tmpdir(), 'spa-lo-')), 'cached.xlsx');
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
    expect(readFileSync(xlsxToCsv([file]).get(file)!, 'utf8').trim()).toBe('2');
  });

  it('evaluate every subtotal and total to the amounts of the CSV files, formula-looking text staying text', () => {
    const centers = filesBelow(join(folder, 'cost-centers'));
    const pairs = [
      '2026-10-summary',
      '2026-10-charges',
      '2026-10-trend',
      '2026-10-movers',
      '2026-10-services',
      '2026-10-budgets',
      '2026-10-organizational-units',
      ...centers.filter((f) => f.endsWith('.xlsx')).map((f) => `cost-centers/${f.replace(/\.xlsx$/, '')}`),
    ];
    const converted = xlsxToCsv(pairs.map((p) => join(folder, `${p}.xlsx`)));
    for (const p of pairs)
      expectSameTable(
        readCsv(join(folder, `${p}.csv`)),
        readLibreCsv(converted.get(join(folder, `${p}.xlsx`))!),
      );
    const summary = readLibreCsv(converted.get(join(folder, '2026-10-summary.xlsx'))!);
    expect(summary.map((r) => r[1])).toContain('=1+1');
  });

  it('gives the charges in each extra currency at the rate read once, kept in the report', () => {
    const file = join(folder, '2026-10-charges-EUR.xlsx');
    const [header, total] = readLibreCsv(xlsxToCsv([file]).get(file)!);
    expect(header).toContain('Charges (EUR)');
    const exact = (sum(month.items) * units(RATE)) / 10n ** 10n;
    expect(toCents(total![header!.indexOf('Charges (EUR)')]!)).toBe(cents(exact));
    const kept = JSON.parse(readFileSync(join(folder, '2026-10-exchange-rates.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(kept).toMatchObject({ base: 'USD', source: ratesUrl, rates: { EUR: RATE } });
    expect(JSON.parse(kept.response as string)).toMatchObject({ base_code: 'USD' });
  });
});

describe('the Excel files, read back', () => {
  it('group accounts under OUs under cost centers, summary rows above, header frozen, amounts formatted', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, '2026-10-summary.xlsx'));
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.properties.outlineProperties).toMatchObject({ summaryBelow: false });
    const level: Record<string, number> = {
      total: 0,
      'cost-center': 1,
      'organizational-unit': 2,
      account: 3,
    };
    const rows = readCsv(join(folder, '2026-10-summary.csv'));
    rows.forEach((row, i) => {
      const r = sheet.getRow(i + 2);
      expect(r.outlineLevel, `row ${i + 2} (${row.Row})`).toBe(level[row.Row!]);
      expect(r.hidden).toBe(row.Row === 'account');
      const amount = r.getCell(7);
      expect(amount.numFmt).toBe('#,##0.00');
      if (row.Row !== 'account')
        expect(String((amount.value as { formula: string }).formula)).toMatch(/^SUBTOTAL\(9,G\d+:G\d+\)$/);
    });
    const formulaLike = sheet.getColumn(2).values.find((v) => v === '=1+1');
    expect(formulaLike).toBe('=1+1');
    sheet.getColumn(2).eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    expect(sheet.getColumn(6).width).toBeGreaterThanOrEqual(10);
    expect(sheet.getColumn(2).width).toBe(
      Math.max(...rows.map((r) => r['Cost Center']!.replace(/^'/, '').length)) + 2,
    );
  });

  it('sum each account row of the charges over its record types', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, '2026-10-charges.xlsx'));
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const last = String.fromCharCode(64 + header.length);
    const rows = readCsv(join(folder, '2026-10-charges.csv'));
    const account = rows.findIndex((r) => r.Row === 'account');
    expect((sheet.getRow(account + 2).getCell(7).value as { formula: string }).formula).toBe(
      `SUM(H${account + 2}:${last}${account + 2})`,
    );
    expect(toCents(rows[0]!['Charges (USD)']!)).toBe(cents(sum(month.items)));
  });

  it('give the charges in each extra currency at the rate read once, as a spreadsheet computes them', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, '2026-10-charges-EUR.xlsx'));
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const charges = header.indexOf('Charges (EUR)') + 1;
    expect(charges).toBeGreaterThan(0);
    expect(sheet.getRow(2).getCell(header.indexOf('Cost Center') + 1).value).toBe('Total');
    const dollars = sum(month.items);
    const euros = cents((dollars * units(RATE)) / 10n ** 10n);
    expect(euros).not.toBe(cents(dollars));
    expect(computed(sheet, 2, charges)).toBe(euros);
    const total = sheet.getRow(2).getCell(charges).value as { result: number };
    expect(toCents(total.result.toFixed(2))).toBe(euros);
  });
});

/** Column letters to a 1-based column number. */
const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/**
 * What a spreadsheet computes for a cell, in cents, from the numbers of the sheet (never its cached results):
 * SUM over a range of a row, and SUBTOTAL(9, ...) over a range of a column leaving out the SUBTOTALs in it.
 */
function computed(sheet: ExcelJS.Worksheet, row: number, column: number): bigint {
  const value = sheet.getRow(row).getCell(column).value;
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'number') return BigInt(Math.round(value * 100));
  const formula = String((value as { formula?: string }).formula);
  const range = /^(?:SUM\(|SUBTOTAL\(9,)([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(formula);
  if (!range) throw new Error(`a formula this test does not compute: ${formula}`);
  const [, c1, r1, c2, r2] = range;
  const subtotal = formula.startsWith('SUBTOTAL(');
  let total = 0n;
  for (let r = Number(r1); r <= Number(r2); r++)
    for (let c = columnNumber(c1!); c <= columnNumber(c2!); c++) {
      const inner = sheet.getRow(r).getCell(c).value as { formula?: string } | null;
      if (subtotal && String(inner?.formula).startsWith('SUBTOTAL(')) continue;
      total += computed(sheet, r, c);
    }
  return total;
}
