// `npm run bench -- spa-cost [size]`: SPA's own monthly AWS bill per managed account at 1,000 and 10,000 accounts,
// from a month simulated over `size` accounts (see spa-cost.ts), as Markdown tables.
import { benchCosts } from './costs.js';
import { simulateMonth } from './spa-cost.js';
import { ASSUMPTIONS, metersOf, monthUsage } from './spa-usage.js';
import { monthlyBill, PRICES, type Meter } from './spa-prices.js';

const usd = (n: number) => (n >= 1 ? n.toFixed(2) : n >= 0.001 ? n.toFixed(4) : n.toFixed(6));
const qty = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export async function printSpaCost(root: string, size: number, log: (s: string) => void): Promise<void> {
  const run = await simulateMonth(size, log);
  const reportAccounts = Number(process.env.SPA_BENCH_REPORT_ACCOUNTS ?? 1000);
  log(`the costs report over ${reportAccounts} accounts x 30 services, for its Cost Explorer requests`);
  const r = await benchCosts(root, reportAccounts, 30, log);
  const report = { accounts: reportAccounts, requests: r.requests, files: r.files, wallMs: r.wallMs };
  const usage = monthUsage(run, report);
  const a = ASSUMPTIONS;
  console.log(
    `\nSPA's own AWS bill, a month simulated over ${size} accounts: ${a.windowsPerMonth.toFixed(2)} windows ` +
      `(purge ${a.purgeMinutes} min and preparation ${a.prepareMinutes} min each, set, not measured), ` +
      `${a.signInsPerMonth} console sign-ins and ${a.budgetAlertsPerMonth} budget alerts per account; ` +
      `the deadline sweeper every 5 minutes, ${a.costReportsPerMonth} cost reports ` +
      `(${report.requests} Cost Explorer requests at ${reportAccounts} accounts x 30 services) and ` +
      `${a.otherReportsPerMonth.toFixed(2)} other reports.\n`,
  );
  console.log(
    '| Per event (counted) | Lambda invocations | SQS messages | SPA events | Forwarded events | AWS calls charged |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const p of run.phases) {
    const inv = Object.values(p.invocations);
    const m = metersOf(p);
    const charged = (
      [
        'dynamoDbReadUnits',
        'dynamoDbWriteUnits',
        's3Reads',
        's3Writes',
        'secretsManagerCalls',
        'costExplorerRequests',
      ] as Meter[]
    )
      .filter((k) => m[k])
      .map((k) => `${PRICES[k].what.split(' (')[0]} ${(m[k]! / p.events).toFixed(2)}`)
      .join(', ');
    console.log(
      `| ${p.name} (${p.events}) | ${((m.lambdaRequests ?? 0) / p.events).toFixed(2)} | ` +
        `${(inv.reduce((s, i) => s + i.messages, 0) / p.events).toFixed(2)} | ${(p.spaEvents / p.events).toFixed(2)} | ` +
        `${(p.forwardedEvents / p.events).toFixed(2)} | ${charged} |`,
    );
  }
  const bills = [1000, 10_000].map((n) => monthlyBill(usage, n));
  console.log(
    `\n| Meter (${bills.map((b) => b.accounts.toLocaleString('en-US')).join(' / ')} accounts) | Grows with accounts | Quantity a month | USD a month | USD per account |`,
  );
  console.log('|---|---|---|---|---|');
  for (const line of bills[1]!.lines.filter((l) => l.quantity > 0)) {
    const small = bills[0]!.lines.find((l) => l.meter === line.meter)!;
    const u = usage[line.meter]!;
    const grows = u.fixed === 0 ? 'yes' : u.perAccount === 0 ? 'no' : 'partly';
    console.log(
      `| ${PRICES[line.meter].what} | ${grows} | ${qty(small.quantity)} / ${qty(line.quantity)} | ` +
        `${usd(small.usd)} / ${usd(line.usd)} | ${usd(small.usd / 1000)} / ${usd(line.usd / 10_000)} |`,
    );
  }
  for (const b of bills)
    console.log(
      `\n${b.accounts.toLocaleString('en-US')} accounts: USD ${usd(b.usd)} a month, USD ${usd(b.usd / b.accounts)} per account; ` +
        `CodeBuild apart USD ${usd(b.usdWithoutBuilds)}, USD ${usd(b.usdWithoutBuilds / b.accounts)} per account`,
    );
}
