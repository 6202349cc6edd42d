import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as Pool from '../../engine/src/adapters/reports/xlsx-pool.js';
import { tableToXlsx } from '../../engine/src/adapters/reports/xlsx-writer.js';
import type { Table } from '../../engine/src/reports/table.js';

// The worker threads run the built script beside the built pool (npm run build): the pool is imported from there.
const built = new URL('../../engine/dist/adapters/reports/xlsx-pool.js', import.meta.url).href;
const { xlsxOnWorkers } = (await import(built)) as typeof Pool;

function table(i: number): Table {
  return {
    sheet: `Services ${i}`,
    columns: [
      { header: 'Cost Center', type: 'text', description: 'The cost center.' },
      { header: 'Time (UTC)', type: 'date', description: 'When, UTC.' },
      { header: 'Cost (USD)', type: 'amount', description: 'What it cost.' },
    ],
    rows: [
      { kind: 'cost-center', level: 1, bold: true, cells: [`CC-${i}`, '', { cents: 7250n + BigInt(i), subtotalOf: { first: 1, last: 2 } }] },
      { kind: 'account', level: 2, cells: ['=1+1', '2026-10-03T09:42:30.000Z', { cents: 4250n + BigInt(i) }] },
      { kind: 'account', level: 2, cells: [`CC-${i}`, '', { cents: 3000n }] },
    ],
  };
}

/** Every sheet's cells with their values, formulas and styles, as a spreadsheet reads them. */
async function cells(bytes: Uint8Array): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: unknown[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row, r) =>
      row.eachCell((cell, c) => out.push([sheet.name, r, c, cell.value, cell.numFmt, cell.font, row.outlineLevel])),
    ),
  );
  return out;
}

describe('workbooks written on worker threads', () => {
  it('hold what the calling thread writes, each answer to its own table, several at once', async () => {
    const write = xlsxOnWorkers(2);
    const tables = Array.from({ length: 6 }, (_, i) => table(i));
    const written = await Promise.all(tables.map((t) => write(t)));
    for (const [i, bytes] of written.entries())
      expect(await cells(bytes)).toEqual(await cells(await tableToXlsx(tables[i]!)));
  });

  it('say which workbook could not be written, and go on writing the others', async () => {
    const write = xlsxOnWorkers(1);
    const bad = { ...table(0), columns: undefined } as unknown as Table;
    await expect(write(bad)).rejects.toThrow(/^writing the workbook of sheet "Services 0" failed: /);
    expect((await cells(await write(table(1)))).length).toBeGreaterThan(0);
  });
});
