import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import MarkdownIt from 'markdown-it';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSlug } from '../../engine/src/reports/file-names.js';
import { filesBelow, readCsv, toCents, type CsvRow } from '../helpers/cost-report.js';
import { startEmulator, type Emulator } from '../helpers/org.js';
import { putConsoleLogins, putTransactions, reportWorld, type ReportWorld } from '../helpers/report-world.js';
import { groupedPages, queueCostAnswers, type LineItem } from '../support/cost-explorer.js';
import { startGithubServer, type GithubServer } from '../support/github-server.js';
import { withLibreOffice, xlsxToCsv } from '../support/libreoffice.js';

const ACTIVITIES = 'reports/activities/2026/2026-10';
const INVENTORY = 'reports/inventory/2026/2026-11-28';
const MONTH_END = { SPA_NOW: '2026-11-01T03:42:00Z' };
const SATURDAY = { SPA_NOW: '2026-11-28T03:23:00Z' };

let emulator: Emulator;
let github: GithubServer;
let w: ReportWorld;
beforeAll(async () => {
  emulator = await startEmulator();
  github = await startGithubServer({
    tokens: { 'bot-token': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } },
  });
  w = await reportWorld(emulator);
  const id = (name: string) => w.idOf(name);
  await putTransactions(w, [
    {
      kind: 'SuccessfulOnBoarding',
      account: id('alice'),
      begin: '2026-10-03T09:00:00.000Z',
      seconds: 2550,
      costCenter: 'CC-TRAINING',
    },
    {
      kind: 'SuccessfulMaintenance',
      account: id('alice'),
      begin: '2026-10-10T02:00:00.000Z',
      seconds: 3725,
      costCenter: 'CC-TRAINING',
    },
    // No cost center recorded: the one the settings give the account now.
    { kind: 'SuccessfulMaintenance', account: id('carol'), begin: '2026-10-10T02:00:00.000Z', seconds: 1800 },
    {
      kind: 'SuccessfulOnBoarding',
      account: id('@SUM(A1)'),
      begin: '2026-10-12T08:00:00.000Z',
      seconds: 600,
      costCenter: '=1+1',
    },
    // Ends in November: an activity of November.
    {
      kind: 'SuccessfulMaintenance',
      account: id('bob'),
      begin: '2026-10-31T23:50:00.000Z',
      seconds: 1200,
      costCenter: 'CC-TRAINING',
    },
  ]);
  // The later sign-in first: the last login stays the later one.
  await putConsoleLogins(w, [
    { account: id('alice'), at: '2026-11-20T10:00:00Z' },
    { account: id('alice'), at: '2026-10-20T10:00:00Z' },
    { account: id('erin'), at: '2026-10-21T11:00:00Z' },
  ]);
  await w.rt.runUntilIdle();
});
afterAll(async () => {
  await github?.close();
  await emulator?.stop();
});

const rowsOf = (rows: CsvRow[], kind: string) => rows.filter((r) => r.Row === kind);
const minutes = (row: CsvRow) => toCents(row['Duration (minutes)'] || '0');

describe('spa report activities', () => {
  it('writes the month per cost center: on-boardings, maintenances and console logins with their durations', async () => {
    emulator.gateway.resetCounts();
    // A CI log gets plain progress lines (every one, with no interval).
    const r = await w.ws.spa(['report', 'activities', '--month', '2026-10'], {
      ...MONTH_END,
      SPA_PROGRESS_INTERVAL_MS: '0',
    });
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^listing the organization: \d+ OUs, \d+ accounts$/m);
    // The organization is listed, no account read one by one.
    expect(emulator.gateway.calls.get('ListTagsForResource') ?? 0).toBe(0);
    expect(r.stdout).toContain(
      'Activities of 2026-10: 2 on-boardings, 2 maintenances, 2 console logins, 4 cost centers',
    );
    expect(r.stdout).toContain('Cost Explorer requests: 0');
    const folder = join(w.ws.dir, ACTIVITIES);
    expect(filesBelow(folder)).toEqual([
      '2026-10-activities.csv',
      '2026-10-activities.xlsx',
      'README.md',
      `cost-centers/2026-10-${fileSlug('=1+1')}-activities.csv`,
      `cost-centers/2026-10-${fileSlug('=1+1')}-activities.xlsx`,
      'cost-centers/2026-10-CC-RESEARCH-activities.csv',
      'cost-centers/2026-10-CC-RESEARCH-activities.xlsx',
      'cost-centers/2026-10-CC-TRAINING-activities.csv',
      'cost-centers/2026-10-CC-TRAINING-activities.xlsx',
      'cost-centers/2026-10-NoCostCenter-activities.csv',
      'cost-centers/2026-10-NoCostCenter-activities.xlsx',
    ]);
    const rows = readCsv(join(folder, '2026-10-activities.csv'));
    expect(
      rowsOf(rows, 'cost-center').map((c) => [c['Cost Center'], c.Activity, c['Duration (minutes)']]),
    ).toEqual([
      ["'=1+1", '1 on-boarding', '10.00'],
      ['CC-RESEARCH', '1 maintenance', '30.00'],
      ['CC-TRAINING', '1 on-boarding, 1 maintenance, 1 console login', '104.58'],
      ['NoCostCenter', '1 console login', '0.00'],
    ]);
    expect(minutes(rowsOf(rows, 'total')[0]!)).toBe(14458n);
    const training = rows.filter((x) => x['Cost Center'] === 'CC-TRAINING' && x.Row !== 'cost-center');
    expect(
      training.map((x) => [
        x.Row,
        x['Time (UTC)'],
        x.Account,
        x.Name,
        x['Organizational Unit'],
        x['Duration (minutes)'],
      ]),
    ).toEqual([
      ['on-boarding', '2026-10-03T09:42:30.000Z', w.idOf('alice'), 'alice', 'Sandbox/Personal', '42.50'],
      ['maintenance', '2026-10-10T03:02:05.000Z', w.idOf('alice'), 'alice', 'Sandbox/Personal', '62.08'],
      ['console-login', '2026-10-20T10:00:00Z', w.idOf('alice'), 'alice', 'Sandbox/Personal', ''],
    ]);
    expect(training[0]!['Begin (UTC)']).toBe('2026-10-03T09:00:00.000Z');
    expect(training[2]!.Details).toBe('alice@example.com');
    expect(rows.find((x) => x.Row === 'on-boarding' && x['Cost Center'] === "'=1+1")?.Name).toBe("'@SUM(A1)");

    const one = readCsv(join(folder, 'cost-centers/2026-10-CC-RESEARCH-activities.csv'));
    expect(one.map((x) => x.Row)).toEqual(['cost-center', 'maintenance']);
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    expect(readme).toContain('**Whole month**');
    const html = new MarkdownIt().render(readme);
    expect(html).toContain('<td>CC-TRAINING</td>\n<td style="text-align:right">1 (avg 42.50 min)</td>');
    // Markdown is not a spreadsheet: the text of the cost center is shown as it is.
    expect(html).toContain('<td>=1+1</td>');
  });

  it.runIf(withLibreOffice())('gives the same minutes when LibreOffice opens the Excel file', () => {
    const folder = join(w.ws.dir, ACTIVITIES);
    const file = join(folder, '2026-10-activities.xlsx');
    const evaluated = (parse as (text: string, options: object) => string[][])(
      readFileSync(xlsxToCsv([file]).get(file)!, 'utf8'),
      {
        relax_column_count: true,
      },
    );
    const written = readCsv(join(folder, '2026-10-activities.csv'));
    expect(evaluated[0]).toEqual(Object.keys(written[0]!).slice(1));
    // Row by row, the evaluated SUBTOTALs and texts equal the CSV (the CSV's first column says the row's kind).
    expect(evaluated.slice(1).map((row) => [row[0], row[8]?.replace(/,/g, '')])).toEqual(
      written.map((row) => [row['Cost Center']!.replace(/^'/, ''), row['Duration (minutes)']]),
    );
  });

  it('reports the month so far when the month is not over, and refuses a month to come', async () => {
    const r = await w.ws.spa(['report', 'activities', '--month', '2026-11'], SATURDAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Activities of 2026-11 (month to date): 0 on-boardings, 1 maintenances, 1 console logins',
    );
    expect(readFileSync(join(w.ws.dir, 'reports/activities/2026/2026-11/README.md'), 'utf8')).toContain(
      '**Month to date**',
    );
    const future = await w.ws.spa(['report', 'activities', '--month', '2026-12'], SATURDAY);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('2026-12 has not started yet');
  });
});

// The month's costs with the cost allocation tag they carried: the inventory's cost centers come from them.
const MTD: LineItem[] = [
  ['alice', '12.3456789000', 'CC-TRAINING'],
  ['bob', '0.5000000000', 'CC-TRAINING'],
  ['carol', '234.2600000000', 'CC-RESEARCH'],
  ['@SUM(A1)', '7.7770000000', '=1+1'],
  ['web', '50.0000000000', 'CC-PLATFORM'],
].map(([name, amount, costCenter]) => ({
  account: name!,
  service: 'AWS Lambda',
  usageType: 'x',
  recordType: 'Usage',
  amount: amount!,
  costCenter: costCenter!,
}));

async function queueMonthToDate(): Promise<void> {
  const items = MTD.map((i) => ({ ...i, account: w.idOf(i.account) }));
  const pages = groupedPages(
    items,
    'costCenter',
    { start: '2026-11-01', end: '2026-11-28' },
    { pageSize: 2, tag: 'mtd' },
  );
  await queueCostAnswers(emulator.moto.endpoint, w.ws.managementAccountId, pages);
}

/** The records the lifecycle leaves for the managed accounts it released: the inventory's states come from them. */
async function putReleasedRecords(): Promise<void> {
  const { records } = await w.rt.deps();
  for (const name of ['alice', 'bob', 'carol', 'erin', '@SUM(A1)']) {
    const accountId = w.idOf(name);
    const version = (await records.get(accountId))?.version ?? 0;
    expect(await records.write({ accountId, state: 'released', version: version + 1 }, version)).toBe(true);
  }
}

describe('spa report inventory', () => {
  it('lists every active account with its holder, state, last login, budget and costs of the month so far', async () => {
    await putReleasedRecords();
    await queueMonthToDate();
    emulator.gateway.resetCounts();
    const r = await w.ws.spa(['report', 'inventory'], SATURDAY);
    expect(r.stderr).not.toMatch(/^spa: /m);
    expect(r.code).toBe(0);
    // Five accounts with costs, two per page: three pages, each a request.
    expect(r.stdout).toContain('Cost Explorer requests: 3 (USD 0.03)');
    // The organization is listed and the records table scanned, no account read one by one.
    expect(emulator.gateway.calls.get('ListTagsForResource') ?? 0).toBe(0);
    const folder = join(w.ws.dir, INVENTORY);
    expect(filesBelow(folder)).toEqual([
      '2026-11-28-inventory.csv',
      '2026-11-28-inventory.xlsx',
      'README.md',
    ]);
    const rows = readCsv(join(folder, '2026-11-28-inventory.csv'));
    const accounts = rowsOf(rows, 'account');
    // The closed account is gone; the management account is there, not managed.
    expect(accounts).toHaveLength(7);
    expect(accounts.find((a) => a.Account === w.idOf('grace'))).toBeUndefined();
    expect(accounts.find((a) => a.Account === w.idOf('alice'))).toMatchObject({
      'Cost Center': 'CC-TRAINING',
      Holder: 'alice@example.com',
      'Organizational Unit': 'Sandbox/Personal',
      Name: 'alice',
      Email: 'alice@example.com',
      State: 'released',
      'Last Console Login (UTC)': '2026-11-20T10:00:00Z',
      'Budget (USD)': '150.00',
      'Month to Date (USD)': '12.35',
      'Over Budget': '',
    });
    // carol spent 234.26 of her 150.00: flagged, and counted on her cost center's row.
    const carol = accounts.find((a) => a.Account === w.idOf('carol'))!;
    expect(carol).toMatchObject({
      'Budget (USD)': '150.00',
      'Month to Date (USD)': '234.26',
      'Over Budget': 'over',
    });
    expect(
      rowsOf(rows, 'cost-center').find((c) => c['Cost Center'] === carol['Cost Center'])!['Over Budget'],
    ).toBe('1 over');
    expect(rowsOf(rows, 'total')[0]!['Over Budget']).toBe('1 over');
    expect(accounts.find((a) => a.Account === w.idOf('bob'))).toMatchObject({
      Holder: 'bob@example.com',
      'Last Console Login (UTC)': '',
    });
    expect(accounts.find((a) => a.Account === w.idOf('erin'))).toMatchObject({
      'Cost Center': 'NoCostCenter',
      'Month to Date (USD)': '0.00',
    });
    expect(accounts.find((a) => a.Account === w.idOf('web'))).toMatchObject({
      State: 'not managed',
      Holder: '',
      'Budget (USD)': '',
      'Month to Date (USD)': '50.00',
    });
    expect(accounts.find((a) => a.Account === w.idOf('@SUM(A1)'))).toMatchObject({
      'Cost Center': "'=1+1",
      Name: "'@SUM(A1)",
    });
    const total = rowsOf(rows, 'total')[0]!;
    expect(toCents(total['Month to Date (USD)']!)).toBe(1235n + 50n + 23426n + 778n + 5000n);
    expect(toCents(total['Budget (USD)']!)).toBe(5n * 15000n);
    for (const cc of rowsOf(rows, 'cost-center')) {
      const below = accounts.filter((a) => a['Cost Center'] === cc['Cost Center']);
      expect(
        below.reduce((s, a) => s + toCents(a['Month to Date (USD)']!), 0n),
        cc['Cost Center'],
      ).toBe(toCents(cc['Month to Date (USD)']!));
    }
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    expect(readme).toContain('7 in all (2 not managed, 5 released)');
    expect(readme).toContain('from 2026-11-01 to 2026-11-28 (excluded)');
    expect(readme.split('\n').find((l) => l.startsWith(`| ${w.idOf('carol')} |`))).toMatch(
      /\| 234\.26 \| 150\.00 \| \*\*over budget\*\* \|$/,
    );
  });

  it.runIf(withLibreOffice())('gives the same totals when LibreOffice opens the Excel file', () => {
    const folder = join(w.ws.dir, INVENTORY);
    const file = join(folder, '2026-11-28-inventory.xlsx');
    const evaluated = (parse as (text: string, options: object) => string[][])(
      readFileSync(xlsxToCsv([file]).get(file)!, 'utf8'),
      {
        relax_column_count: true,
      },
    );
    const written = readCsv(join(folder, '2026-11-28-inventory.csv'));
    const amounts = (row: (string | undefined)[]) =>
      row.slice(8, 10).map((v) => (v ? toCents(v) : undefined));
    expect(evaluated.slice(1).map(amounts)).toEqual(
      written.map((row) => amounts(Object.values(row).slice(1))),
    );
  });
});

describe('--commit', () => {
  const env = (extra: Record<string, string>) => ({
    GITHUB_REPOSITORY: github.repository,
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'bot-token',
    SPA_GITHUB_WRITE_INTERVAL_MS: '1',
    ...extra,
  });

  async function bucketFiles(prefix: string): Promise<Map<string, Buffer>> {
    const s3 = w.runtime.clients.s3;
    const Bucket = w.desired.settings.runtime.bucket!;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: prefix }));
    const out = new Map<string, Buffer>();
    for (const o of listed.Contents ?? []) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: o.Key }));
      out.set(o.Key!, Buffer.from(await got.Body!.transformToByteArray()));
    }
    return out;
  }

  it('commits each report in one commit and copies the same files to the runtime bucket', async () => {
    github.git.push('main', { 'README.md': '# Settings\n' });
    for (const [args, folder, now] of [
      [['report', 'activities', '--month', '2026-10'], ACTIVITIES, MONTH_END],
      [['report', 'inventory'], INVENTORY, SATURDAY],
    ] as const) {
      const before = github.git.refs.get('heads/main')!;
      const r = await w.ws.spa([...args, '--commit'], env(now));
      expect(r.stderr).not.toMatch(/^spa: /m);
      expect(r.code).toBe(0);
      const head = github.git.refs.get('heads/main')!;
      expect(github.git.commits.get(head)!.parents).toEqual([before]);
      const committed = new Map([...github.git.filesOf(head)].filter(([p]) => p.startsWith(`${folder}/`)));
      const copied = await bucketFiles(`${folder}/`);
      expect([...copied.keys()].sort()).toEqual([...committed.keys()].sort());
      for (const [path, bytes] of committed) expect(copied.get(path)!.equals(bytes), path).toBe(true);
      expect(r.stdout).toContain(`copied to s3://${w.desired.settings.runtime.bucket}/${folder}/`);
    }
    expect(github.violations).toEqual([]);
  });
});
