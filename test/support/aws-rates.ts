/**
 * Token buckets per AWS operation, as the emulator gateway applies them. AWS Organizations, Budgets and Account
 * Management publish no request rates; the defaults below are conservative readings of what their users report:
 *
 * - Organizations reads: AWS Deployment Framework users see `TooManyRequestsException` on `ListParents` and
 *   `ListRoots` from 2 to 5 concurrent Lambda invocations in organizations of 160 to 500 accounts
 *   (awslabs/aws-deployment-framework issues 752, 781, 783, 784, 788, 801); org-formation users see it on the
 *   list calls of `init` (org-formation/org-formation-cli issue 280). We model 10 calls per second per read
 *   operation, with a burst of 20.
 * - Organizations writes: "another request is already in progress" above 1 or 2 concurrent writes (the same
 *   reports, and pulumi/pulumi-aws-native issue 1687 creating several accounts at once): 1 per second, burst 2,
 *   shared by every write operation.
 * - Account Management: terraform's AWS provider is throttled on `GetAlternateContact` past 36 accounts
 *   (hashicorp/terraform-provider-aws issue 42484): 2 per second, burst 10.
 * - Budgets: 5 reads per second per operation (burst 10) and 1 write per second (burst 2), an assumption of the
 *   same order, since no report gives a figure.
 *
 * Every rate is configurable (`SPA_EMULATED_RATES` in the benchmark, `Gateway.setRates` in tests).
 */
export interface Bucket {
  /** Tokens added per second. */
  rate: number;
  /** Tokens the bucket holds at most: the calls that may come at once after a quiet period. */
  burst: number;
}

export interface Rates {
  organizationsRead: Bucket;
  organizationsWrite: Bucket;
  accountManagement: Bucket;
  budgetsRead: Bucket;
  budgetsWrite: Bucket;
}

export const REALISTIC_RATES: Rates = {
  organizationsRead: { rate: 10, burst: 20 },
  organizationsWrite: { rate: 1, burst: 2 },
  accountManagement: { rate: 2, burst: 10 },
  budgetsRead: { rate: 5, burst: 10 },
  budgetsWrite: { rate: 1, burst: 2 },
};

/** Which bucket an operation draws from; undefined for services the gateway does not throttle (STS...). */
export function bucketOf(service: string, operation: string): { kind: keyof Rates; key: string } | undefined {
  const read = /^(List|Describe|Get)/.test(operation);
  if (service === 'organizations')
    return read
      ? { kind: 'organizationsRead', key: operation }
      : { kind: 'organizationsWrite', key: 'organizations-writes' };
  if (service === 'account') return { kind: 'accountManagement', key: 'account' };
  if (service === 'budgets')
    return read ? { kind: 'budgetsRead', key: operation } : { kind: 'budgetsWrite', key: 'budgets-writes' };
  return undefined;
}

/** Token buckets keyed by operation (reads) or service (writes), refilled continuously. */
export class TokenBuckets {
  private readonly state = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rates: Rates,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for the call, or answers false when the caller must be throttled. */
  take(service: string, operation: string): boolean {
    const b = bucketOf(service, operation);
    if (!b) return true;
    const { rate, burst } = this.rates[b.kind];
    const t = this.now();
    const s = this.state.get(b.key) ?? { tokens: burst, at: t };
    s.tokens = Math.min(burst, s.tokens + ((t - s.at) / 1000) * rate);
    s.at = t;
    this.state.set(b.key, s);
    if (s.tokens < 1) return false;
    s.tokens -= 1;
    return true;
  }
}

/** Rates from JSON such as `{"organizationsRead":{"rate":20,"burst":40}}`, over the realistic defaults. */
export function ratesFrom(json: string | undefined): Rates {
  if (!json) return REALISTIC_RATES;
  const given = JSON.parse(json) as Partial<Rates>;
  return { ...REALISTIC_RATES, ...given };
}
