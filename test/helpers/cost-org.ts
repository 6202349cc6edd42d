import type { SeedSpec } from '../support/seed.js';
import type { LineItem, MonthData } from '../support/cost-explorer.js';

/**
 * A small organization as FinOps sees it: cost centers on most accounts, one account without, a closed one, one
 * moved to another OU, a cost center and an account name that look like spreadsheet formulas, and an account that
 * Cost Explorer still bills but the organization no longer has (deleted).
 */
export const COST_OUS = [
  'Sandbox',
  'Sandbox/Personal',
  'Sandbox/Teams',
  'Sandbox/Teams/DataScience',
  'Workloads',
  'Workloads/Prod',
];

export const DELETED_ACCOUNT = '999999999999';
export const DELETED_NAME = 'old-lab';

export function costOrgSpec(): SeedSpec {
  const a = (name: string, ou: string, costCenter?: string) => ({
    name,
    email: `${name.replace(/[^a-z-]/gi, '')}@example.com`,
    ou,
    ...(costCenter ? { tags: { 'cost-center': costCenter } } : {}),
  });
  return {
    ous: COST_OUS,
    accounts: [
      a('alice-sandbox', 'Sandbox/Personal', 'CC-TRAINING'),
      a('bob-sandbox', 'Sandbox/Personal', 'CC-TRAINING'),
      a('carol-lab', 'Sandbox/Teams/DataScience', 'CC-RESEARCH'),
      a('dave-lab', 'Sandbox/Teams', 'CC-RESEARCH'),
      a('erin-sandbox', 'Sandbox/Personal'),
      a('frank-prod', 'Workloads/Prod', 'CC-PLATFORM'),
      { ...a('grace-old', 'Workloads', 'CC-PLATFORM'), closed: true },
      a('heidi-mkt', 'Workloads', '=1+1'),
      a('@SUM(A1)', 'Sandbox/Teams', 'Marketing & Sales/EMEA <b>'),
      a('judy-moved', 'Sandbox/Personal', 'CC-TRAINING'),
    ],
  };
}

/** Mulberry32, so that the same seed always gives the same month. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SERVICES: [string, string][] = [
  ['Amazon Elastic Compute Cloud - Compute', 'EUW1-BoxUsage:t3.medium'],
  ['Amazon Simple Storage Service', 'EUW1-TimedStorage-ByteHrs'],
  ['AWS Lambda', 'EUW1-Lambda-GB-Second'],
  ['Amazon Relational Database Service', 'EUW1-InstanceUsage:db.t3.micro'],
  ['Amazon CloudWatch', 'EUW1-CW:MetricMonitorUsage'],
  ['Amazon Virtual Private Cloud', 'EUW1-NatGateway-Hours'],
];

/** An amount with 10 decimals, as Cost Explorer writes them. */
function amount(r: () => number, max: number): string {
  const v = Math.floor(r() * max * 1e10);
  return `${Math.floor(v / 1e10)}.${String(v % 1e10).padStart(10, '0')}`;
}

/**
 * A month of line items for the accounts (and the deleted one): usage of a few services each, tax on some,
 * a credit, a refund, support.
 */
export function monthItems(accountIds: string[], seed: number, services = SERVICES.length): LineItem[] {
  const r = random(seed);
  const items: LineItem[] = [];
  for (const [i, account] of [...accountIds, DELETED_ACCOUNT].entries()) {
    for (const [service, usageType] of SERVICES.slice(0, services))
      if (r() < 0.8) items.push({ account, service, usageType, recordType: 'Usage', amount: amount(r, 90) });
    if (i % 3 === 0)
      items.push({ account, service: 'Tax', usageType: 'Tax', recordType: 'Tax', amount: amount(r, 20) });
  }
  const [first, second, third] = accountIds;
  items.push({
    account: first!,
    service: 'Amazon Elastic Compute Cloud - Compute',
    usageType: 'EUW1-BoxUsage:t3.medium',
    recordType: 'Credit',
    amount: '-25.0000000000',
  });
  items.push({
    account: second!,
    service: 'Amazon Simple Storage Service',
    usageType: 'EUW1-TimedStorage-ByteHrs',
    recordType: 'Refund',
    amount: '-3.1415926535',
  });
  items.push({
    account: third!,
    service: 'AWS Support (Business)',
    usageType: 'Business-Support',
    recordType: 'Support',
    amount: amount(r, 100),
  });
  return items;
}

export function monthData(
  accountIds: string[],
  month: { start: string; end: string },
  seed: number,
  extra: Partial<MonthData> = {},
): MonthData {
  return {
    items: monthItems(accountIds, seed),
    ...month,
    names: { [DELETED_ACCOUNT]: DELETED_NAME },
    ...extra,
  };
}
