import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableToXlsx } from '../../engine/src/adapters/reports/xlsx-writer.js';
import type { Table } from '../../engine/src/reports/table.js';
import { withLibreOffice, xlsxToCsv } from '../support/libreoffice.js';

/** A small report table: a summary row over two account rows, a date column, an amount column. */
const TABLE: Table = {
  sheet: 'Activities',
  columns: [
    { header: 'Cost Center', type: 'text', description: 'The cost center.' },
    { header: 'Time (UTC)', type: 'date', description: 'When it ended, UTC.' },
    { header: 'Duration (minutes)', type: 'amount', description: 'How long it took.' },
  ],
  rows: [
    { kind: 'cost-center', level: 1, bold: true, cells: ['CC-1', '', { cents: 7250n, subtotalOf: { first: 1, last: 2 } }] },
    { kind: 'on-boarding', level: 2, cells: ['CC-1', '2026-10-03T09:42:30.000Z', { cents: 4250n }] },
    { kind: 'maintenance', level: 2, cells: ['CC-1', '2026-10-10T03:02:05Z', { cents: 3000n }] },
  ],
};

async function workbook(): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await tableToXlsx(TABLE)) as unknown as ArrayBuffer);
  return book;
}

describe('the Excel files people print and sort', () => {
  it('store times as dates, shown to the second', async () => {
    const sheet = (await workbook()).getWorksheet('Activities')!;
    const cell = sheet.getRow(3).getCell(2);
    expect(cell.value).toEqual(new Date('2026-10-03T09:42:30.000Z'));
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getRow(4).getCell(2).value).toEqual(new Date('2026-10-10T03:02:05.000Z'));
  });

  it('use one font in every cell, bold ones included', async () => {
    const sheet = (await workbook()).getWorksheet('Activities')!;
    const fonts = new Set<string>();
    sheet.eachRow((row) => row.eachCell((cell) => fonts.add(`${cell.font?.name}`)));
    expect([...fonts]).toEqual(['Arial']);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
  });

  it('print landscape, one page wide, with the header row on every page', async () => {
    const sheet = (await workbook()).getWorksheet('Activities')!;
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('explain each column in a sheet of their own', async () => {
    const about = (await workbook()).getWorksheet('About')!;
    const rows: unknown[][] = [];
    about.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Column', 'What it holds'],
      ['Cost Center', 'The cost center.'],
      ['Time (UTC)', 'When it ended, UTC.'],
      ['Duration (minutes)', 'How long it took.'],
    ]);
  });

  it.runIf(withLibreOffice())('open in LibreOffice with the dates and totals as written, and no error cell', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spa-layout-')), 'activities.xlsx');
    writeFileSync(file, await tableToXlsx(TABLE));
    const text = readFileSync(xlsxToCsv([file]).get(file)!, 'utf8');
    expect(text).not.toMatch(/#(VALUE|NAME|REF|DIV\/0|N\/A|NUM)|Err:/);
    expect(text.trim().split('\n')).toEqual([
      'Cost Center,Time (UTC),Duration (minutes)',
      'CC-1,,72.50',
      'CC-1,2026-10-03 09:42:30,42.50',
      'CC-1,2026-10-10 03:02:05,30.00',
    ]);
  });
});
