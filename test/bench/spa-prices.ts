// What SPA itself costs in AWS: the public on-demand prices of what the runtime uses (us-east-1, without free
// tiers), and the bill of a month's usage. One table: a price changes here and nowhere else.

/** A unit of usage the runtime pays for. */
export type Meter =
  | 'lambdaRequests'
  | 'lambdaGbSeconds'
  | 'sqsRequests'
  | 'eventBridgeCustomEvents'
  | 'eventBridgeCrossAccountEvents'
  | 'dynamoDbWriteUnits'
  | 'dynamoDbReadUnits'
  | 's3Reads'
  | 's3Writes'
  | 'schedulerInvocations'
  | 'secretsManagerCalls'
  | 'snsPublishes'
  | 'logsIngestedGb'
  | 'costExplorerRequests'
  | 'codeBuildMinutes';

export interface Price {
  what: string;
  /** USD per `per` units. */
  usd: number;
  per: number;
  source: string;
}

/**
 * Public prices, us-east-1, on-demand, as the AWS price pages published them in 2025 (checked against the pages
 * named): free tiers are left out, so that the figure holds for an organization that spends them elsewhere.
 */
export const PRICES: Record<Meter, Price> = {
  lambdaRequests: { what: 'Lambda requests', usd: 0.2, per: 1e6, source: 'aws.amazon.com/lambda/pricing' },
  lambdaGbSeconds: {
    what: 'Lambda GB-seconds (arm64)',
    usd: 0.0000133334,
    per: 1,
    source: 'aws.amazon.com/lambda/pricing',
  },
  sqsRequests: { what: 'SQS requests (standard)', usd: 0.4, per: 1e6, source: 'aws.amazon.com/sqs/pricing' },
  eventBridgeCustomEvents: {
    what: 'EventBridge custom events (SPA events)',
    usd: 1,
    per: 1e6,
    source: 'aws.amazon.com/eventbridge/pricing',
  },
  eventBridgeCrossAccountEvents: {
    what: 'EventBridge cross-account events (forwarding rules to the central bus)',
    usd: 1,
    per: 1e6,
    source: 'aws.amazon.com/eventbridge/pricing',
  },
  dynamoDbWriteUnits: {
    what: 'DynamoDB write request units (on-demand)',
    usd: 0.625,
    per: 1e6,
    source: 'aws.amazon.com/dynamodb/pricing/on-demand',
  },
  dynamoDbReadUnits: {
    what: 'DynamoDB read request units (on-demand)',
    usd: 0.125,
    per: 1e6,
    source: 'aws.amazon.com/dynamodb/pricing/on-demand',
  },
  s3Reads: { what: 'S3 GET requests', usd: 0.0004, per: 1000, source: 'aws.amazon.com/s3/pricing' },
  s3Writes: {
    what: 'S3 PUT, LIST and DELETE requests',
    usd: 0.005,
    per: 1000,
    source: 'aws.amazon.com/s3/pricing',
  },
  schedulerInvocations: {
    what: 'EventBridge Scheduler invocations',
    usd: 1,
    per: 1e6,
    source: 'aws.amazon.com/eventbridge/pricing',
  },
  secretsManagerCalls: {
    what: 'Secrets Manager API calls',
    usd: 0.05,
    per: 10_000,
    source: 'aws.amazon.com/secrets-manager/pricing',
  },
  snsPublishes: {
    what: 'SNS publishes (budget alerts)',
    usd: 0.5,
    per: 1e6,
    source: 'aws.amazon.com/sns/pricing',
  },
  logsIngestedGb: {
    what: 'CloudWatch Logs ingested (GB)',
    usd: 0.5,
    per: 1,
    source: 'aws.amazon.com/cloudwatch/pricing',
  },
  costExplorerRequests: {
    what: 'Cost Explorer API requests',
    usd: 0.01,
    per: 1,
    source: 'aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing',
  },
  codeBuildMinutes: {
    what: 'CodeBuild minutes (general1.small, Linux)',
    usd: 0.005,
    per: 1,
    source: 'aws.amazon.com/codebuild/pricing',
  },
};

/** A month's usage: per meter, the quantity that grows with the managed accounts and the quantity that does not. */
export type Usage = Partial<Record<Meter, { perAccount: number; fixed: number }>>;

export interface BillLine {
  meter: Meter;
  quantity: number;
  usd: number;
}

export interface Bill {
  accounts: number;
  lines: BillLine[];
  usd: number;
  /** The bill without CodeBuild's minutes (the purge and preparation themselves). */
  usdWithoutBuilds: number;
}

/** The month's bill of `accounts` managed accounts, its lines most expensive first. */
export function monthlyBill(usage: Usage, accounts: number): Bill {
  const lines = (Object.keys(PRICES) as Meter[])
    .map((meter) => {
      const u = usage[meter] ?? { perAccount: 0, fixed: 0 };
      const quantity = u.perAccount * accounts + u.fixed;
      return { meter, quantity, usd: (quantity * PRICES[meter].usd) / PRICES[meter].per };
    })
    .sort((a, b) => b.usd - a.usd);
  const usd = lines.reduce((s, l) => s + l.usd, 0);
  const builds = lines.find((l) => l.meter === 'codeBuildMinutes')?.usd ?? 0;
  return { accounts, lines, usd, usdWithoutBuilds: usd - builds };
}
