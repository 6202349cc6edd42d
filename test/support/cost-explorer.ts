/**
 * Cost Explorer data for tests: a month of line items, turned into the GetCostAndUsage answers that a cost report
 * asks for, queued in moto (POST /moto-api/static/ce/cost-and-usage-results), in the order the report asks.
 * moto answers each new request body with the next queued result and keeps it for that body; a page request
 * carries NextPageToken, so it is a new body: page 1 (with NextPageToken) is queued before page 2.
 *
 * Sums here are independent of the engine: integers of 10^-10 dollars.
 */

export interface LineItem {
  account: string;
  service: string;
  usageType: string;
  recordType: string;
  /** Decimal string, at most 10 decimals, as Cost Explorer writes them. */
  amount: string;
  /** The cost center tag's value when the cost was incurred; none when the cost did not carry the tag. */
  costCenter?: string;
}

/** The cost allocation tag of the tests' settings (reporting.costCenterTag). */
export const COST_CENTER_TAG = 'cost-center';

const SCALE = 10n ** 10n;

export function units(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace(/^[+-]/, '').split('.');
  const v = BigInt(whole || '0') * SCALE + BigInt((fraction + '0'.repeat(10)).slice(0, 10));
  return negative ? -v : v;
}

export function text(v: bigint): string {
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const fraction = String(abs % SCALE).padStart(10, '0');
  return `${negative ? '-' : ''}${abs / SCALE}.${fraction}`;
}

/** Cents, rounded half away from zero. */
export function cents(v: bigint): bigint {
  const c = 10n ** 8n;
  const q = v / c;
  const r = v % c;
  const abs = r < 0n ? -r : r;
  return 2n * abs >= c ? (v < 0n ? q - 1n : q + 1n) : q;
}

export function dollars(c: bigint): string {
  const negative = c < 0n;
  const abs = negative ? -c : c;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export const isCredit = (l: LineItem) => l.recordType === 'Credit' || l.recordType === 'Refund';

/** Sum of the items an optional filter keeps. */
export function sum(items: readonly LineItem[], keep: (l: LineItem) => boolean = () => true): bigint {
  return items.filter(keep).reduce((s, l) => s + units(l.amount), 0n);
}

type Dimension = 'service' | 'usageType' | 'recordType' | 'costCenter' | undefined;

/** Cost Explorer's key of a group by tag: "<tag>$<value>", "<tag>$" for costs without the tag. */
const keyOf = (l: LineItem, second: Exclude<Dimension, undefined>) =>
  second === 'costCenter' ? `${COST_CENTER_TAG}$${l.costCenter ?? ''}` : l[second];

function groups(items: readonly LineItem[], second: Dimension): { keys: string[]; amount: bigint }[] {
  const out = new Map<string, { keys: string[]; amount: bigint }>();
  for (const l of items) {
    const keys = second ? [l.account, keyOf(l, second)] : [l.account];
    const k = JSON.stringify(keys);
    const g = out.get(k) ?? { keys, amount: 0n };
    g.amount += units(l.amount);
    out.set(k, g);
  }
  return [...out.values()];
}

/** The answers of one grouped query, split into pages of `pageSize` groups linked by NextPageToken. */
export function groupedPages(
  items: readonly LineItem[],
  second: Dimension,
  period: { start: string; end: string },
  options: { pageSize: number; names?: Record<string, string>; tag: string },
): object[] {
  const all = groups(items, second);
  const pages: object[] = [];
  for (let i = 0; i === 0 || i < all.length; i += options.pageSize) {
    const slice = all.slice(i, i + options.pageSize);
    const last = i + options.pageSize >= all.length;
    const accounts = [...new Set(slice.map((g) => g.keys[0]!))];
    pages.push({
      ...(last ? {} : { NextPageToken: `${options.tag}-page-${pages.length + 2}` }),
      GroupDefinitions: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        ...(second === 'costCenter'
          ? [{ Type: 'TAG', Key: COST_CENTER_TAG }]
          : second
            ? [
                {
                  Type: 'DIMENSION',
                  Key: { service: 'SERVICE', usageType: 'USAGE_TYPE', recordType: 'RECORD_TYPE' }[second],
                },
              ]
            : []),
      ],
      ResultsByTime: [
        {
          TimePeriod: { Start: period.start, End: period.end },
          Total: {},
          Groups: slice.map((g) => ({
            Keys: g.keys,
            Metrics: { UnblendedCost: { Amount: text(g.amount), Unit: 'USD' } },
          })),
          Estimated: false,
        },
      ],
      DimensionValueAttributes: accounts
        .filter((a) => options.names?.[a] !== undefined)
        .map((a) => ({ Value: a, Attributes: { description: options.names![a]! } })),
    });
  }
  return pages;
}

/**
 * The pages of one question over several months, as Cost Explorer answers it: page i carries page i of each month
 * (a month with fewer pages answers an empty period), and a NextPageToken while any month has more.
 */
export function monthsPages(perMonth: readonly object[][], tag: string): object[] {
  type Page = { ResultsByTime: { TimePeriod: object }[]; NextPageToken?: string };
  const months = perMonth as readonly Page[][];
  const count = Math.max(...months.map((m) => m.length));
  return Array.from({ length: count }, (_, i) => {
    const { NextPageToken: _first, ...page } = months[0]![0]!;
    const results = months.map((m) => {
      const r = (m[i] ?? m[0]!).ResultsByTime[0]!;
      return m[i] ? r : { ...r, Groups: [], Total: {} };
    });
    return {
      ...page,
      ResultsByTime: results,
      ...(i + 1 < count ? { NextPageToken: `${tag}-page-${i + 2}` } : {}),
    };
  });
}

export function totalAnswer(amount: bigint, period: { start: string; end: string }): object {
  return {
    GroupDefinitions: [],
    ResultsByTime: [
      {
        TimePeriod: { Start: period.start, End: period.end },
        Total: { UnblendedCost: { Amount: text(amount), Unit: 'USD' } },
        Groups: [],
        Estimated: false,
      },
    ],
    DimensionValueAttributes: [],
  };
}

export interface MonthData {
  items: LineItem[];
  start: string;
  end: string;
  /** Names Cost Explorer knows (DimensionValueAttributes), such as a deleted account's. */
  names?: Record<string, string>;
  pageSize?: number;
  /** Cost Explorer's own total off by this much, to see the report refuse (default 0). */
  skew?: bigint;
  /** The cost center tag of each account's costs (items without their own), by account id. */
  costCenters?: Record<string, string>;
  /**
   * The days after the purges of the month (credits and refunds left out as the report asks): the DAILY question
   * comes last, after last month's accounts (the trend) and services (the movers), queued here too.
   */
  residuals?: { days: readonly DayItems[]; pageSize?: number };
}

/** The items of a month, each with the cost center tag its account's costs carried. */
export function tagged(month: MonthData): LineItem[] {
  const centers = month.costCenters ?? {};
  return month.items.map((l) => {
    const costCenter = centers[l.account];
    return l.costCenter !== undefined || costCenter === undefined ? l : { ...l, costCenter };
  });
}

/** Every answer of `spa report costs` for one month, in the order it asks (credits and refunds left out). */
export function reportAnswers(month: MonthData, previous?: MonthData): object[] {
  const period = { start: month.start, end: month.end };
  const opts = (tag: string) => ({
    pageSize: month.pageSize ?? 1000,
    tag,
    ...(month.names ? { names: month.names } : {}),
  });
  const usage = month.items.filter((l) => !isCredit(l));
  const answers = [
    totalAnswer(sum(usage) + (month.skew ?? 0n), period),
    totalAnswer(sum(month.items), period),
    ...groupedPages(tagged(month), 'costCenter', period, opts('cost-centers')),
    ...groupedPages(usage, 'service', period, opts('services')),
    ...groupedPages(usage, 'usageType', period, opts('usage')),
    ...groupedPages(month.items, 'recordType', period, opts('records')),
  ];
  if (previous)
    answers.push(
      ...groupedPages(
        previous.items.filter((l) => !isCredit(l)),
        undefined,
        { start: previous.start, end: previous.end },
        { pageSize: previous.pageSize ?? 1000, tag: 'previous' },
      ),
    );
  if (month.residuals) {
    const before = previous ?? { items: [], start: month.start, end: month.start };
    if (!previous) answers.push(...monthlyPages([], { pageSize: 1000, tag: 'previous' }));
    answers.push(
      servicesAnswer(
        before.items.filter((l) => !isCredit(l)),
        before,
      ),
    );
    const days = month.residuals.days.map((d) => ({ ...d, items: d.items.filter((l) => !isCredit(l)) }));
    answers.push(...dailyPages(days, { pageSize: month.residuals.pageSize ?? 1000, tag: 'residuals' }));
  }
  return answers;
}

/** Queues answers in moto for the Cost Explorer of an account (the management account the CLI assumes into). */
export async function queueCostAnswers(
  motoEndpoint: string,
  accountId: string,
  results: object[],
): Promise<void> {
  const r = await fetch(`${motoEndpoint}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account_id: accountId, results }),
  });
  if (r.status !== 201)
    throw new Error(`moto refused the Cost Explorer results: ${r.status} ${await r.text()}`);
}

/**
 * The answer of one query over several months grouped by LINKED_ACCOUNT (MONTHLY): every month's groups, split
 * into pages of `pageSize` groups linked by NextPageToken (a page lists the months of its groups).
 */
export function monthlyPages(
  months: readonly { start: string; end: string; items: readonly LineItem[] }[],
  options: { pageSize: number; tag: string },
): object[] {
  const all = months.flatMap((m) => groups(m.items, undefined).map((g) => ({ month: m, g })));
  const pages: object[] = [];
  for (let i = 0; i === 0 || i < all.length; i += options.pageSize) {
    const slice = all.slice(i, i + options.pageSize);
    const last = i + options.pageSize >= all.length;
    pages.push({
      ...(last ? {} : { NextPageToken: `${options.tag}-page-${pages.length + 2}` }),
      GroupDefinitions: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      ResultsByTime: months
        .filter((m) => slice.some((s) => s.month === m))
        .map((m) => ({
          TimePeriod: { Start: m.start, End: m.end },
          Total: {},
          Groups: slice
            .filter((s) => s.month === m)
            .map((s) => ({
              Keys: s.g.keys,
              Metrics: { UnblendedCost: { Amount: text(s.g.amount), Unit: 'USD' } },
            })),
          Estimated: false,
        })),
      DimensionValueAttributes: [],
    });
  }
  return pages;
}

/** The answer of a month grouped by SERVICE alone. */
export function servicesAnswer(items: readonly LineItem[], period: { start: string; end: string }): object {
  const byService = new Map<string, bigint>();
  for (const l of items) byService.set(l.service, (byService.get(l.service) ?? 0n) + units(l.amount));
  return {
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ResultsByTime: [
      {
        TimePeriod: { Start: period.start, End: period.end },
        Total: {},
        Groups: [...byService].map(([service, amount]) => ({
          Keys: [service],
          Metrics: { UnblendedCost: { Amount: text(amount), Unit: 'USD' } },
        })),
        Estimated: false,
      },
    ],
    DimensionValueAttributes: [],
  };
}

/** The line items of one day (YYYY-MM-DD), for a DAILY question. */
export interface DayItems {
  day: string;
  items: readonly LineItem[];
}

/**
 * The answer of a DAILY question grouped by LINKED_ACCOUNT and SERVICE (the purges that left costs): every day's
 * groups, split into pages of `pageSize` groups linked by NextPageToken (a page lists the days of its groups).
 */
export function dailyPages(days: readonly DayItems[], options: { pageSize: number; tag: string }): object[] {
  const next = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const all = days.flatMap((d) => groups(d.items, 'service').map((g) => ({ d, g })));
  const pages: object[] = [];
  for (let i = 0; i === 0 || i < all.length; i += options.pageSize) {
    const slice = all.slice(i, i + options.pageSize);
    const last = i + options.pageSize >= all.length;
    pages.push({
      ...(last ? {} : { NextPageToken: `${options.tag}-page-${pages.length + 2}` }),
      GroupDefinitions: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
      ResultsByTime: days
        .filter((d) => slice.some((s) => s.d === d))
        .map((d) => ({
          TimePeriod: { Start: d.day, End: next(d.day) },
          Total: {},
          Groups: slice
            .filter((s) => s.d === d)
            .map((s) => ({
              Keys: s.g.keys,
              Metrics: { UnblendedCost: { Amount: text(s.g.amount), Unit: 'USD' } },
            })),
          Estimated: false,
        })),
      DimensionValueAttributes: [],
    });
  }
  return pages;
}
