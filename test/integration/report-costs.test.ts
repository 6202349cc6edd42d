import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_ACCOUNT, DELETED_NAME } from '../helpers/cost-org.js';
import {
  costWorkspace,
  FOLDER,
  filesBelow,
  october,
  queueMonth,
  readCsv,
  september,
  toCents,
  type CsvRow,
} from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { cents, isCredit, sum } from '../support/cost-explorer.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const amountOf = (row: CsvRow) => toCents(row['Amount (USD)']!);
const rowsOf = (rows: CsvRow[], kind: string) => rows.filter((r) => r.Row === kind);

describe('spa report costs', () => {
  it('writes the month to the working tree, every amount reconciled to the cent with Cost Explorer', async () => {
    const ws = await costWorkspace(emulator);
    const month = october(ws, { pageSize: 7 });
    await queueMonth(emulator, ws, month, september(ws));
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);

    const folder = join(ws.dir, FOLDER);
    const summary = readCsv(join(folder, '2026-10-summary.csv'));
    const usage = month.items.filter((l) => !isCredit(l));
    const expected = cents(sum(usage));
    expect(amountOf(rowsOf(summary, 'total')[0]!)).toBe(expected);
    // Every level adds up exactly: accounts to OUs, OUs to cost centers, cost centers to the total.
    const accounts = rowsOf(summary, 'account');
    expect(accounts.reduce((s, a) => s + amountOf(a), 0n)).toBe(expected);
    for (const cc of rowsOf(summary, 'cost-center')) {
      const below = accounts.filter((a) => a['Cost Center'] === cc['Cost Center']);
      expect(
        below.reduce((s, a) => s + amountOf(a), 0n),
        cc['Cost Center'],
      ).toBe(amountOf(cc));
    }
    // Each account is within a cent of its exact costs.
    for (const a of accounts) {
      const exact = sum(usage, (l) => l.account === a.Account);
      const gap = amountOf(a) - cents(exact);
      expect(gap >= -1n && gap <= 1n, a.Account).toBe(true);
    }

    const deleted = accounts.find((a) => a.Account === DELETED_ACCOUNT)!;
    expect(deleted).toMatchObject({
      Name: DELETED_NAME,
      'Cost Center': 'NoCostCenter',
      State: 'deleted',
      'Organizational Unit': '(not in the organization)',
    });
    expect(accounts.find((a) => a.Account === ws.idOf('erin-sandbox'))).toMatchObject({
      'Cost Center': 'NoCostCenter',
    });
    expect(accounts.find((a) => a.Account === ws.idOf('grace-old'))).toMatchObject({
      'Cost Center': 'CC-PLATFORM',
      State: 'closed',
    });
    expect(rowsOf(summary, 'cost-center').map((c) => c['Cost Center'])).toContain("'=1+1");

    const charges = readCsv(join(folder, '2026-10-charges.csv'));
    const total = rowsOf(charges, 'total')[0]!;
    expect(toCents(total['Charges (USD)']!)).toBe(cents(sum(month.items)));
    expect(toCents(total['Credit (USD)']!)).toBe(-2500n);
    expect(toCents(total['Refund (USD)']!)).toBe(-314n);
    expect(Object.keys(total).slice(-2)).toEqual(['Credit (USD)', 'Refund (USD)']);

    const pages =
      Math.ceil(new Set(usage.map((l) => `${l.account} ${l.service}`)).size / 7) +
      Math.ceil(new Set(usage.map((l) => `${l.account} ${l.usageType}`)).size / 7) +
      Math.ceil(new Set(month.items.map((l) => `${l.account} ${l.recordType}`)).size / 7);
    expect(r.stdout).toContain(
      `Cost Explorer requests: ${pages + 3} (USD ${((pages + 3) / 100).toFixed(2)})`,
    );
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain('**Preliminary report**');
    expect(readme).toContain('2026-11-14');
    expect(filesBelow(folder)).toContain('README.md');
  });
});
