import { describe, expect, it } from 'vitest';
import type { Activity } from '../../engine/src/ports/activities.js';
import type { ReportAccount } from '../../engine/src/reports/costs/accounts.js';
import { residualsLines, residualsTable } from '../../engine/src/reports/costs/residuals-table.js';
import {
  purgesOf,
  residualEnd,
  residualsOf,
  residualWindow,
  type Purge,
} from '../../engine/src/reports/costs/residuals.js';
import { parseAmount } from '../../engine/src/reports/money.js';

const OCTOBER = { year: 2026, month: 10 };
const maintenance = (accountId: string, at: string): Activity => ({
  kind: 'SuccessfulMaintenance',
  accountId,
  at,
  id: `${accountId}-${at}`,
});
const account = (id: string): ReportAccount => ({
  id,
  name: `name-${id}`,
  ou: 'Sandbox',
  costCenter: 'CC-TRAINING',
  state: 'active',
});

describe('the purges of a month', () => {
  it('are the maintenances that ended in it, the last one of each account, on-boardings and logins left out', () => {
    const purges = purgesOf([
      maintenance('222222222222', '2026-10-17T03:00:00.000Z'),
      maintenance('111111111111', '2026-10-10T03:02:05.000Z'),
      { kind: 'SuccessfulOnBoarding', accountId: '333333333333', at: '2026-10-03T09:00:00Z', id: 'x' },
      { kind: 'ConsoleLogin', accountId: '111111111111', at: '2026-10-20T10:00:00Z', id: 'y' },
      maintenance('222222222222', '2026-10-03T03:00:00.000Z'),
    ]);
    expect(purges).toEqual([
      { accountId: '111111111111', end: '2026-10-10T03:02:05.000Z', count: 1 },
      { accountId: '222222222222', end: '2026-10-17T03:00:00.000Z', count: 2 },
    ]);
  });

  it('are asked about from the day after the earliest purge to the month end, or to today excluded', () => {
    const purges: Purge[] = [
      { accountId: '1', end: '2026-10-17T23:59:59.000Z', count: 1 },
      { accountId: '2', end: '2026-10-10T00:00:00.000Z', count: 1 },
    ];
    const after = new Date('2026-11-06T07:00:00Z');
    expect(residualWindow(purges, OCTOBER, after)).toEqual({ start: '2026-10-11', end: '2026-11-01' });
    expect(residualWindow(purges, OCTOBER, new Date('2026-10-15T12:00:00Z'))).toEqual({
      start: '2026-10-11',
      end: '2026-10-15',
    });
    // Today is the day after the purge: no day is known yet; a purge on the last day leaves no day in the month.
    expect(residualWindow(purges, OCTOBER, new Date('2026-10-11T08:00:00Z'))).toBeUndefined();
    const last = [{ accountId: '1', end: '2026-10-31T22:00:00.000Z', count: 1 }];
    expect(residualWindow(last, OCTOBER, after)).toBeUndefined();
    expect(residualWindow([], OCTOBER, after)).toBeUndefined();
    expect(residualEnd(OCTOBER, after)).toBe('2026-11-01');
  });
});

describe('the residual of a purge', () => {
  const purges: Purge[] = [
    { accountId: '111111111111', end: '2026-10-20T03:00:00.000Z', count: 1 },
    { accountId: '222222222222', end: '2026-10-25T03:00:00.000Z', count: 2 },
    { accountId: '333333333333', end: '2026-10-28T03:00:00.000Z', count: 1 },
    { accountId: '444444444444', end: '2026-10-31T03:00:00.000Z', count: 1 },
  ];
  const costs = new Map([
    [
      '111111111111',
      new Map([
        ['Amazon Elastic Compute Cloud - Compute', parseAmount('0.3333333333')],
        ['Amazon Simple Storage Service', parseAmount('0.3333333333')],
        ['AWS Key Management Service', parseAmount('0.3333333334')],
      ]),
    ],
    ['222222222222', new Map([['AWS Lambda', parseAmount('0.999')]])],
    ['333333333333', new Map([['Amazon Simple Storage Service', parseAmount('1.104')]])],
  ]);
  const of = (threshold: bigint) =>
    residualsOf({ purges, costs, end: '2026-11-01', threshold, resolve: account });

  it('is flagged over at or above the threshold, never below; the over ones first, then the largest', () => {
    const r = of(100n);
    expect(r.lines.map((l) => [l.account.id, l.cents, l.over])).toEqual([
      ['333333333333', 110n, true],
      ['111111111111', 100n, true],
      ['222222222222', 100n, true],
      ['444444444444', 0n, false],
    ]);
    expect(of(101n).lines.filter((l) => l.over).map((l) => l.account.id)).toEqual(['333333333333']);
    expect(of(111n).lines.filter((l) => l.over)).toEqual([]);
    // 0 flags every purge, one that left nothing too.
    expect(of(0n).lines.every((l) => l.over)).toBe(true);
  });

  it('splits the residual over its services to the cent, largest first, with the days counted', () => {
    const first = of(100n).lines[1]!;
    expect(first.services.map((s) => s.cents)).toEqual([34n, 33n, 33n]);
    expect(first.services[0]!.service).toBe('AWS Key Management Service');
    expect([first.from, first.days]).toEqual(['2026-10-21', 11]);
    const last = of(100n).lines.at(-1)!;
    expect([last.from, last.days, last.services]).toEqual(['2026-11-01', 0, []]);
  });

  it('is written one row per account and service, and named in the README with the purge buildspec', () => {
    const r = of(100n);
    const table = residualsTable(r, OCTOBER, 'USD', 'UnblendedCost');
    expect(table.columns.map((c) => c.header)).toEqual([
      'Account',
      'Name',
      'Cost Center',
      'Purge Ended (UTC)',
      'Counted From',
      'Service',
      'Residual (USD)',
      'Over',
    ]);
    expect(table.rows.map((row) => [row.cells[0], row.cells[5], row.cells[6], row.cells[7]])).toEqual([
      ['333333333333', 'Amazon Simple Storage Service', { cents: 110n }, 'over'],
      ['111111111111', 'AWS Key Management Service', { cents: 34n }, 'over'],
      ['111111111111', 'Amazon Elastic Compute Cloud - Compute', { cents: 33n }, 'over'],
      ['111111111111', 'Amazon Simple Storage Service', { cents: 33n }, 'over'],
      ['222222222222', 'AWS Lambda', { cents: 100n }, 'over'],
      ['444444444444', '', { cents: 0n }, ''],
    ]);
    const readme = residualsLines(r, OCTOBER, 'USD', 'UnblendedCost, without credits and refunds').join('\n');
    expect(readme).toContain('## Purges that left costs (UnblendedCost, without credits and refunds)');
    expect(readme).toContain('4 accounts purged in 2026-10');
    expect(readme).toContain('to 2026-10-31: **3 at or above 1.00 USD** (`reporting.residualCostThreshold`)');
    expect(readme).toContain('`buildspecs/purge.yml`');
    expect(readme).toContain(
      '| 111111111111 | name-111111111111 | CC-TRAINING | 2026-10-20 03:00 | 11 | 1.00 | AWS Key Management Service 0.34, Amazon Elastic Compute Cloud - Compute 0.33, Amazon Simple Storage Service 0.33 | **over** |',
    );
    expect(readme).toContain('| 444444444444 | name-444444444444 | CC-TRAINING | 2026-10-31 03:00 | 0 | 0.00 |  |  |');
    const none = residualsLines(residualsOf({ purges: [], costs, end: '2026-11-01', threshold: 100n, resolve: account }), OCTOBER, 'USD', 'x');
    expect(none.at(-1)).toBe('No account was purged in 2026-10 (no maintenance ended in the activities table).');
  });
});
