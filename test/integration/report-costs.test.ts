import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseMermaid } from '@mermaid-js/parser';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_ACCOUNT, DELETED_NAME } from '../helpers/cost-org.js';
import {
  costWorkspace,
  FOLDER,
  filesBelow,
  OCTOBER,
  october,
  queueMonth,
  readCsv,
  september,
  toCents,
  type CsvRow,
} from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { cents, groupedPages, isCredit, sum, tagged } from '../support/cost-explorer.js';
import { MoveAccountCommand } from '@aws-sdk/client-organizations';
import { tagAccount } from '../support/seed.js';

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
    // judy-moved changed OU during the month: she is reported where she is now.
    await ws.aws.organizations.send(
      new MoveAccountCommand({
        AccountId: ws.idOf('judy-moved'),
        SourceParentId: ws.seeded.ouIds.get('Sandbox/Personal')!,
        DestinationParentId: ws.seeded.ouIds.get('Sandbox/Teams')!,
      }),
    );
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
    expect(accounts.find((a) => a.Account === ws.idOf('judy-moved'))).toMatchObject({
      'Cost Center': 'CC-TRAINING',
      'Organizational Unit': 'Sandbox/Teams',
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
      Math.ceil(new Set(month.items.map((l) => `${l.account} ${l.recordType}`)).size / 7) +
      Math.ceil(new Set(month.items.map((l) => l.account)).size / 7);
    // + the cost centers' pages above, 2 totals, the 12 months before (last month among them) and last month's services.
    expect(r.stdout).toContain(
      `Cost Explorer requests: ${pages + 4} (USD ${((pages + 4) / 100).toFixed(2)})`,
    );
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain('**Preliminary report**');
    expect(readme).toContain('2026-11-14');
    expect(r.stdout).toContain('last month from: cost-explorer');
    expect(readme).toContain("Last month's figures come from Cost Explorer");
    expect(filesBelow(folder)).toContain('README.md');
  });

  it('replaces the preliminary report with the final one, files of a cost center gone removed', async () => {
    const ws = await costWorkspace(emulator);
    await queueMonth(emulator, ws, october(ws), september(ws));
    const first = await ws.spa(['report', 'costs', '--month', '2026-10'], {
      SPA_NOW: '2026-11-06T07:00:00Z',
    });
    expect(first.code).toBe(0);
    const folder = join(ws.dir, FOLDER);
    const before = filesBelow(folder);
    const gone = before.filter((f) => f.startsWith('cost-centers/2026-10-1-1-'));
    expect(gone).toHaveLength(4);

    // FinOps moves heidi-mkt to CC-PLATFORM and backfills the cost allocation tag: Cost Explorer now charges her
    // October to CC-PLATFORM. moto answers a repeated question with its first answer: the gateway gives the new one.
    await tagAccount(ws.aws, ws.idOf('heidi-mkt'), { 'cost-center': 'CC-PLATFORM' });
    const backfilled = october(ws, {
      costCenters: { ...ws.costCenters, [ws.idOf('heidi-mkt')]: 'CC-PLATFORM' },
    });
    const [tagPage] = groupedPages(tagged(backfilled), 'costCenter', OCTOBER, { pageSize: 1000, tag: 'cc' });
    emulator.gateway.setIntercept('GetCostAndUsage', ({ input }) =>
      Promise.resolve(
        JSON.stringify(input.GroupBy ?? []).includes('"TAG"')
          ? (tagPage as Record<string, unknown>)
          : undefined,
      ),
    );
    const final = await ws.spa(['report', 'costs', '--month', '2026-10'], {
      SPA_NOW: '2026-11-14T00:00:00Z',
    });
    emulator.gateway.setIntercept('GetCostAndUsage', undefined);
    expect(final.code).toBe(0);
    expect(final.stdout).toMatch(/^Final cost report of 2026-10/);
    const after = filesBelow(folder);
    for (const f of gone) expect(after).not.toContain(f);
    expect(after).toEqual(before.filter((f) => !gone.includes(f)));
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain('**Final report**, made on 2026-11-14');
    expect(readme).not.toContain('Preliminary');
  });

  it('takes cost centers from Cost Explorer, and lists the managed accounts whose settings give another', async () => {
    const ws = await costWorkspace(emulator);
    await queueMonth(emulator, ws, october(ws), september(ws));
    // The settings give alice CC-MARKETING (not applied yet); Cost Explorer charged her October to CC-TRAINING.
    ws.write(
      'accounts/alice-sandbox.yaml',
      'name: alice-sandbox\nemail: alice-sandbox@example.com\norganizationalUnit: Sandbox\ntags:\n  cost-center: CC-MARKETING\n',
    );
    // The organization's tag is not read: a tag changed after the month does not move its costs.
    await tagAccount(ws.aws, ws.idOf('bob-sandbox'), { 'cost-center': 'CC-ELSEWHERE' });
    emulator.gateway.resetCounts();
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);
    expect(emulator.gateway.calls.get('ListTagsForResource') ?? 0).toBe(0);
    expect(emulator.gateway.calls.get('ListAccountsForParent')).toBe(7);

    const folder = join(ws.dir, FOLDER);
    const accounts = rowsOf(readCsv(join(folder, '2026-10-summary.csv')), 'account');
    expect(accounts.find((a) => a.Account === ws.idOf('alice-sandbox'))).toMatchObject({
      'Cost Center': 'CC-TRAINING',
    });
    expect(accounts.find((a) => a.Account === ws.idOf('bob-sandbox'))).toMatchObject({
      'Cost Center': 'CC-TRAINING',
    });
    const differences = readCsv(join(folder, '2026-10-cost-center-differences.csv'));
    expect(differences).toEqual([
      expect.objectContaining({
        Account: ws.idOf('alice-sandbox'),
        Name: 'alice-sandbox',
        'Cost Center (Cost Explorer)': 'CC-TRAINING',
        'Cost Center (settings)': 'CC-MARKETING',
      }),
    ]);
    expect(existsSync(join(folder, '2026-10-cost-center-differences.xlsx'))).toBe(true);
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain('## Cost centers: settings and Cost Explorer differ');
    expect(readme).toContain(`| ${ws.idOf('alice-sandbox')} | alice-sandbox | CC-TRAINING | CC-MARKETING |`);
  });

  it("compares with last month's summary in the same tree when there is one, else with Cost Explorer", async () => {
    const ws = await costWorkspace(emulator);
    // September first: nothing of August anywhere (Cost Explorer answers nothing).
    const sept = september(ws);
    await queueMonth(emulator, ws, sept);
    const r1 = await ws.spa(['report', 'costs', '--month', '2026-09'], { SPA_NOW: '2026-10-20T00:00:00Z' });
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain('last month from: nowhere');
    expect(ws.read('reports/costs/2026/2026-09/README.md')).toContain('No figures of last month were found.');

    await queueMonth(emulator, ws, october(ws));
    const r2 = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-20T00:00:00Z' });
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain('last month from: report');
    const readme = ws.read(`${FOLDER}/README.md`);
    expect(readme).toContain('the summary of 2026-09 in this repository');
    const septTotal = cents(sum(sept.items, (l) => !isCredit(l)));
    const total = readme.split('\n').find((l) => l.startsWith('| **Total** |'))!;
    expect(total).toContain(
      ` ${(Number(septTotal) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} |`,
    );
  });

  it('writes a README that renders on GitHub: tables, a Mermaid pie, a link to every file, hostile names inert', async () => {
    const ws = await costWorkspace(emulator);
    await queueMonth(emulator, ws, october(ws), september(ws));
    expect(
      (await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' })).code,
    ).toBe(0);
    const folder = join(ws.dir, FOLDER);
    const text = readFileSync(join(folder, 'README.md'), 'utf8');
    const tokens = new MarkdownIt({ html: true, linkify: true }).parse(text, {});
    // Cost centers, OUs, trend, movers (rose, fell, new accounts, services), services, top 10, charges, checks, files.
    expect(tokens.filter((t) => t.type === 'table_open')).toHaveLength(11);
    // Names from AWS and tags never become markup: no raw HTML but the engine's inline code (an @, an email).
    const inline = tokens.flatMap((t) => t.children ?? []);
    expect(
      inline.filter((t) => t.type === 'html_inline' && t.content !== '<code>' && t.content !== '</code>'),
    ).toEqual([]);
    expect(tokens.filter((t) => t.type === 'html_block')).toEqual([]);
    const links = inline
      .filter((t) => t.type === 'link_open')
      .map((t) => decodeURIComponent(String(t.attrGet('href'))));
    for (const l of links) expect(existsSync(join(folder, l)), l).toBe(true);
    expect(new Set(links)).toEqual(new Set(filesBelow(folder).filter((f) => f !== 'README.md')));

    const fence = tokens.find((t) => t.type === 'fence' && t.info === 'mermaid')!;
    const pie = await parseMermaid('pie', fence.content);
    const summary = readCsv(join(folder, '2026-10-summary.csv'));
    const centers = rowsOf(summary, 'cost-center');
    expect(pie.sections.map((sec) => sec.value).reduce((a, b) => a + b, 0)).toBeCloseTo(
      Number(centers.reduce((s, c) => s + amountOf(c), 0n)) / 100,
      2,
    );
    expect(pie.sections.map((sec) => sec.label)).toContain('Marketing & Sales/EMEA b');
  });

  it('stops before it asks Cost Explorer more than reporting.costExplorerCallsPerDay, writing nothing', async () => {
    const ws = await costWorkspace(emulator, { costExplorerCallsPerDay: 3 });
    await queueMonth(emulator, ws, october(ws, { pageSize: 5 }), september(ws));
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'the report needs more than 3 Cost Explorer requests (reporting.costExplorerCallsPerDay)',
    );
    expect(existsSync(join(ws.dir, 'reports'))).toBe(false);
  });

  it("refuses, writing nothing, when Cost Explorer's groups do not add up to its own total", async () => {
    const ws = await costWorkspace(emulator);
    await queueMonth(emulator, ws, october(ws, { skew: 5n * 10n ** 8n }), september(ws));
    const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /Cost Explorer's services add up to [\d.]+ USD, its total of the month is [\d.]+/,
    );
    expect(r.stderr).toContain('run the report again; nothing was written');
    expect(existsSync(join(ws.dir, 'reports'))).toBe(false);
  });

  it('refuses a month that has not begun, and reports the previous month by default', async () => {
    const ws = await costWorkspace(emulator);
    const future = await ws.spa(['report', 'costs', '--month', '2026-12'], {
      SPA_NOW: '2026-11-06T07:00:00Z',
    });
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('2026-12 has not started yet');
    const bad = await ws.spa(['report', 'costs', '--month', '2026-13'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('YYYY-MM');
    await queueMonth(emulator, ws, october(ws), september(ws));
    const r = await ws.spa(['report', 'costs', '--out', 'elsewhere'], { SPA_NOW: '2026-11-06T07:00:00Z' });
    expect(r.code).toBe(0);
    expect(existsSync(join(ws.dir, 'elsewhere', FOLDER, 'README.md'))).toBe(true);
  });

  it('rides out Cost Explorer throttling and failures, and still reads every page once', async () => {
    const ws = await costWorkspace(emulator);
    const month = october(ws, { pageSize: 6 });
    await queueMonth(emulator, ws, month, september(ws));
    emulator.gateway.setFaults({
      throttle: 0.3,
      fail: 0.2,
      seed: 11,
      only: (op) => op === 'GetCostAndUsage',
    });
    try {
      const r = await ws.spa(['report', 'costs', '--month', '2026-10'], { SPA_NOW: '2026-11-06T07:00:00Z' });
      expect(r.stderr).not.toMatch(/^spa: /m);
      expect(r.code).toBe(0);
    } finally {
      emulator.gateway.setFaults(undefined);
    }
    expect(emulator.gateway.faultsInjected.get('throttle')).toBeGreaterThan(0);
    const summary = readCsv(join(ws.dir, FOLDER, '2026-10-summary.csv'));
    expect(amountOf(rowsOf(summary, 'total')[0]!)).toBe(cents(sum(month.items, (l) => !isCredit(l))));
    const charges = readCsv(join(ws.dir, FOLDER, '2026-10-charges.csv'));
    expect(toCents(rowsOf(charges, 'total')[0]!['Charges (USD)']!)).toBe(cents(sum(month.items)));
  });
});
