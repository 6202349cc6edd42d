import { parse as parseMermaid } from '@mermaid-js/parser';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tableToCsv } from '../../engine/src/adapters/reports/csv-writer.js';
import { tableToXlsx } from '../../engine/src/adapters/reports/xlsx-writer.js';
import type { Table } from '../../engine/src/reports/table.js';
import { escapeMermaidLabel } from '../../engine/src/render/mermaid-escape.js';
import { escapeCsvText, looksLikeFormula, unescapeCsvText, xlsxText } from '../../engine/src/render/spreadsheet-escape.js';
import { pieChart } from '../../engine/src/reports/costs/pie-chart.js';

/**
 * What a spreadsheet evaluates as a formula when a cell's text starts with it: the formula signs, and a tab or a
 * carriage return, which some programs skip before one. (The escaping claims no full-width variants.)
 */
const FORMULA_PREFIXES = ['=', '+', '-', '@', '\t', '\r'];

/** Any text, and often one that starts with formula signs, apostrophes before them, or both. */
const cellText = fc.oneof(
  fc.string(),
  fc
    .tuple(fc.constantFrom('', "'", "''"), fc.array(fc.constantFrom(...FORMULA_PREFIXES), { minLength: 1, maxLength: 3 }), fc.string())
    .map(([quotes, signs, rest]) => quotes + signs.join('') + rest),
);

/** A table of one text row, its headers the same texts. */
function tableOf(texts: string[]): Table {
  return {
    sheet: 'x',
    columns: texts.map((t) => ({ header: t, type: 'text' as const })),
    rows: [{ kind: 'line', level: 0, cells: texts }],
  };
}

describe('text in spreadsheets', () => {
  it('starts each CSV with a UTF-8 byte order mark, so that Excel reads accented names as written', () => {
    const csv = Buffer.from(
      tableToCsv({
        sheet: 'x',
        columns: [{ header: 'Name', type: 'text' as const }],
        rows: [{ kind: 'account', level: 0, cells: ['Zoë Ångström'] }],
      }),
    );
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(csv.toString('utf8'), { bom: true, columns: true })).toEqual([{ Row: 'account', Name: 'Zoë Ångström' }]);
  });

  it('never starts a CSV field with what a spreadsheet evaluates, and reads back as it was', () => {
    for (const t of ['=1+1', '+33 1 23', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(looksLikeFormula(t)).toBe(true);
      expect(escapeCsvText(t).startsWith("'")).toBe(true);
    }
    expect(escapeCsvText('CC-TRAINING')).toBe('CC-TRAINING');
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 5 }), (texts) => {
        // Read by a CSV parser, as a spreadsheet program splits the file before it looks at each field.
        const rows: unknown = parseCsv(Buffer.from(tableToCsv(tableOf(texts))).toString());
        const [header, line] = rows as string[][];
        for (const [i, t] of texts.entries())
          for (const field of [header![i + 1]!, line![i + 1]!]) {
            expect(FORMULA_PREFIXES.filter((p) => field.startsWith(p)), JSON.stringify(field)).toEqual([]);
            expect(unescapeCsvText(field)).toBe(t);
          }
      }),
    );
  });

  it('writes every text of an Excel file as a text cell, never a formula, whatever it starts with', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 5 }), async (texts) => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(new Uint8Array(await tableToXlsx(tableOf(texts))).buffer);
        const sheet = book.worksheets[0]!;
        for (const [i, t] of texts.entries())
          for (const cell of [sheet.getRow(1).getCell(i + 1), sheet.getRow(2).getCell(i + 1)]) {
            expect(cell.type, JSON.stringify(t)).toBe(t === '' ? ExcelJS.ValueType.Null : ExcelJS.ValueType.String);
            // XML reads a carriage return as a line feed: the one change a text undergoes besides xlsxText's.
            if (cell.type === ExcelJS.ValueType.String) expect(cell.value).toBe(xlsxText(t).replace(/\r\n?/g, '\n'));
          }
      }),
      { numRuns: 50 },
    );
  });

  it('survives commas, quotes and line breaks in CSV, one row per row', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (texts) => {
        const csv = Buffer.from(
          tableToCsv({
            sheet: 'x',
            columns: texts.map((_, i) => ({ header: `c${i}`, type: 'text' as const })),
            rows: [{ kind: 'line', level: 0, cells: texts }],
          }),
        ).toString();
        const rows: unknown = parseCsv(csv, { bom: true, columns: true });
        const row = (rows as Record<string, string>[])[0]!;
        texts.forEach((t, i) => expect(unescapeCsvText(row[`c${i}`]!)).toBe(t));
      }),
    );
  });

  it('keeps only characters XML can carry in a cell', () => {
    expect(xlsxText('a\u0000b\u0008c\td\ne')).toBe('a\uFFFDb\uFFFDc\td\ne');
  });
});

describe('the Mermaid pie chart', () => {
  it('parses whatever the cost center names are', async () => {
    const hostile = ['"; end', 'a : 1', '%%{init: {}}%%', '<script>x</script>', '#quot;', 'pie title x', '\n"b" : 9', ''];
    const chart = pieChart('Costs "of" October: <b>', hostile.map((label, i) => ({ label, cents: BigInt(i + 1) * 100n })))!;
    const body = chart.split('\n').slice(1, -1).join('\n');
    const pie = await parseMermaid('pie', body);
    expect(pie.sections).toHaveLength(hostile.length);
    for (const s of pie.sections) expect(s.label).toMatch(/^[\p{L}\p{N} _.,()/&+\-…]+$/u);
  });

  it('shows the eight largest cost centers and the rest as one slice, leaving out what is not positive', async () => {
    const chart = pieChart(
      'x',
      Array.from({ length: 12 }, (_, i) => ({ label: `CC-${i}`, cents: BigInt(i - 1) * 1000n })),
    )!;
    const pie = await parseMermaid('pie', chart.split('\n').slice(1, -1).join('\n'));
    expect(pie.sections.map((s) => s.label)).toEqual(['CC-11', 'CC-10', 'CC-9', 'CC-8', 'CC-7', 'CC-6', 'CC-5', 'CC-4', '2 other cost centers']);
    expect(pie.sections.at(-1)!.value).toBe(30);
    expect(pieChart('x', [{ label: 'a', cents: -5n }])).toBeUndefined();
    expect(escapeMermaidLabel('x'.repeat(50))).toHaveLength(40);
  });
});
