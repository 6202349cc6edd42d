// The month's usage of SPA's runtime per meter: what the simulated month counted (spa-cost.ts), per account and
// month at the rates assumed here, and what does not grow with the accounts.
import { HANDLERS } from '../../infra/lib/handlers.js';
import type { Phase, SpaCostRun } from './spa-cost.js';
import type { Meter, Usage } from './spa-prices.js';

/** The month the figure assumes, per managed account unless said otherwise. */
export const ASSUMPTIONS = {
  /** Weekly windows (the default cron(0 18 ? * SAT *)): 52 a year. */
  windowsPerMonth: 52 / 12,
  /** Console sign-ins of the account's holder: one a working day. */
  signInsPerMonth: 21,
  /** Budget alerts: one account in ten passes a threshold once a month (each opens one issue). */
  budgetAlertsPerMonth: 0.1,
  /** CodeBuild minutes (billed per started minute): no build runs in the emulator, so these are set, not measured. */
  purgeMinutes: 10,
  prepareMinutes: 5,
  /** Fixed: the deadline sweeper runs every 5 minutes (30-day month). */
  sweeperRunsPerMonth: 30 * 24 * 12,
  /** Fixed: 2 cost reports, 1 + 52/12 activities reports and 52/12 inventories a month (infra/lib/schedules.ts). */
  costReportsPerMonth: 2,
  otherReportsPerMonth: 1 + (2 * 52) / 12,
  /** Fixed: Lambda's SQS event source mapping long-polls each of the 4 queues with 5 pollers, 20 s a poll. */
  idlePollsPerMonth: 4 * 5 * 3 * 60 * 24 * 30,
  /** The inventory's month-to-date question: one Cost Explorer page per 1,000 accounts (the emulator's page). */
  accountsPerCostPage: 1000,
  /** Lambda's platform lines (START, END, REPORT) per invocation, bytes. */
  platformLogBytes: 300,
};

/** The memory of the handler of a queue (or of the handler named so), as the automation stack deploys it. */
const memoryOf = (queue: string) =>
  HANDLERS.find((h) => h.name === queue || ('queue' in h.trigger && h.trigger.queue === queue))?.memoryMb ??
  512;

type Meters = Partial<Record<Meter, number>>;

/** What a phase's event uses, by meter: invocations, queue requests, events, table units, objects, API requests. */
export function metersOf(p: Phase): Meters {
  const m: Meters = {};
  const add = (meter: Meter, n: number) => (m[meter] = (m[meter] ?? 0) + n);
  for (const [queue, i] of Object.entries(p.invocations)) {
    const count = p.spread ? i.messages : i.count;
    add('lambdaRequests', count);
    add('lambdaGbSeconds', (i.ms / 1000) * (memoryOf(queue) / 1024));
    // Each message sent once, and per invocation one receive and one delete batch.
    add('sqsRequests', i.messages + 2 * count);
    add('logsIngestedGb', (count * ASSUMPTIONS.platformLogBytes) / 1e9);
  }
  add('logsIngestedGb', p.logBytes / 1e9);
  add('eventBridgeCustomEvents', p.spaEvents);
  add('eventBridgeCrossAccountEvents', p.forwardedEvents);
  for (const [key, n] of Object.entries(p.calls)) {
    const [service, op] = key.split(' ') as [string, string];
    const meter = callMeter(service, op);
    if (meter) add(meter, n * (op === 'TransactWriteItems' ? 2 : 1));
  }
  return m;
}

/** The meter of a counted call; undefined for the calls AWS does not charge (Organizations, STS, Budgets...). */
function callMeter(service: string, op: string): Meter | undefined {
  if (service === 'dynamodb')
    return /^(Get|BatchGet|Query|Scan|TransactGet)/.test(op) ? 'dynamoDbReadUnits' : 'dynamoDbWriteUnits';
  if (service === 's3') return op === 'GET' || op === 'HEAD' ? 's3Reads' : 's3Writes';
  if (service === 'secretsmanager') return 'secretsManagerCalls';
  if (service === 'ce') return 'costExplorerRequests';
  return undefined;
}

export interface ReportFigures {
  /** Accounts of the costs report measured, its Cost Explorer requests, files and wall time. */
  accounts: number;
  requests: number;
  files: number;
  wallMs: number;
}

/** The month's usage: the phases at their rates per account, and what does not grow with the accounts. */
export function monthUsage(run: SpaCostRun, report: ReportFigures): Usage {
  const a = ASSUMPTIONS;
  const usage: Usage = {};
  const add = (meter: Meter, perAccount: number, fixed = 0) => {
    const u = (usage[meter] ??= { perAccount: 0, fixed: 0 });
    u.perAccount += perAccount;
    u.fixed += fixed;
  };
  run.phases.forEach((p, i) => {
    for (const [meter, n] of Object.entries(metersOf(p)) as [Meter, number][])
      add(meter, (n / p.events) * run.rates[i]!);
  });
  add('snsPublishes', a.budgetAlertsPerMonth);
  add('codeBuildMinutes', a.windowsPerMonth * (a.purgeMinutes + a.prepareMinutes));
  const sweeper = metersOf({
    name: 'sweeper',
    events: 1,
    spread: false,
    calls: run.sweep.calls,
    spaEvents: 0,
    forwardedEvents: 0,
    invocations: { deadlines: { count: 1, ms: run.sweep.ms, messages: 0 } },
    logBytes: 0,
  });
  for (const [meter, n] of Object.entries(sweeper) as [Meter, number][])
    if (meter !== 'sqsRequests') add(meter, 0, n * a.sweeperRunsPerMonth);
  add(
    'schedulerInvocations',
    0,
    a.sweeperRunsPerMonth + a.windowsPerMonth + a.costReportsPerMonth + a.otherReportsPerMonth,
  );
  add('sqsRequests', 0, a.idlePollsPerMonth);
  const reports = a.costReportsPerMonth + a.otherReportsPerMonth;
  add('lambdaRequests', 0, reports);
  // Every report run as long as the costs report measured, on the reports Lambda's 1 GB; its time grows with the accounts.
  add('lambdaGbSeconds', ((report.wallMs / 1000) * reports) / report.accounts);
  add('costExplorerRequests', (report.requests / report.accounts) * a.costReportsPerMonth);
  add('costExplorerRequests', (1 / a.accountsPerCostPage) * (52 / 12));
  add('s3Writes', 0, report.files * reports);
  return usage;
}
