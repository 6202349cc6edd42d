import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  costWorkspace,
  FOLDER,
  october,
  readCsv,
  september,
  SEPTEMBER,
  toCents,
} from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import {
  cents,
  isCredit,
  monthlyPages,
  queueCostAnswers,
  reportAnswers,
  servicesAnswer,
  sum,
} from '../support/cost-explorer.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

/**
 * Answers that carry the queued amounts as `metric` and, beside them, an UnblendedCost of 1,000.00 on every group
 * and total: a report that read UnblendedCost would neither reconcile nor give the known amounts.
 */
function asMetric(answers: object[], metric: string): object[] {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    if ('UnblendedCost' in out) {
      out[metric] = out.UnblendedCost;
      out.UnblendedCost = { Amount: '1000.00', Unit: 'USD' };
    }
    return out;
  };
  return answers.map((a) => walk(a) as object);
}

describe('spa report costs with reporting.costMetric', () => {
  it('reads every Cost Explorer query in AmortizedCost and names the metric on every table', async () => {
    const ws = await costWorkspace(emulator, { costMetric: 'AmortizedCost' });
    const month = october(ws);
    const before = september(ws);
    const usage = (items: typeof month.items) => items.filter((l) => !isCredit(l));
    await queueCostAnswers(
      emulator.moto.endpoint,
      ws.managementAccountId,
      asMetric(
        [
          ...reportAnswers(month),
          ...monthlyPages([{ ...SEPTEMBER, items: usage(before.items) }], { pageSize: 100, tag: 'trend' }),
          servicesAnswer(usage(before.items), SEPTEMBER),
        ],
        'AmortizedCost',
      ),
    );
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);

    const folder = join(ws.dir, FOLDER);
    // The amounts are the amortized ones, month and last month, to the cent.
    const summary = readCsv(join(folder, '2026-10-summary.csv'));
    expect(toCents(summary.find((s) => s.Row === 'total')!['Amount (USD)']!)).toBe(
      cents(sum(usage(month.items))),
    );
    const charges = readCsv(join(folder, '2026-10-charges.csv'));
    expect(toCents(charges[0]!['Charges (USD)']!)).toBe(cents(sum(month.items)));
    const services = readCsv(join(folder, '2026-10-services.csv'));
    expect(toCents(services[0]!['2026-09 (USD)']!)).toBe(cents(sum(usage(before.items))));
    const trend = readCsv(join(folder, '2026-10-trend.csv'));
    expect(toCents(trend.find((t) => t.Row === 'total')!['2026-09 (USD)']!)).toBe(
      cents(sum(usage(before.items))),
    );

    // Every workbook's About sheet names the metric of its amounts, never UnblendedCost.
    const workbooks = ['summary', 'charges', 'trend', 'movers', 'services'].map((n) => `2026-10-${n}.xlsx`);
    for (const file of workbooks) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(folder, file));
      const about = book.getWorksheet('About')!;
      const text = (about.getSheetValues() as unknown[][]).flat().map(String).join('\n');
      expect(text, file).toContain('AmortizedCost');
      expect(text, file).not.toContain('UnblendedCost');
    }
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain('## Cost centers (AmortizedCost, without credits and refunds)');
    expect(readme).toContain("Cost Explorer's own total of the month (AmortizedCost, 2026-10)");
    expect(readme).toContain('## Charges (AmortizedCost, every record type');
    expect(readme).not.toContain('UnblendedCost');
  });
});
