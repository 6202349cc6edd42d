import {
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type CostExplorerClient,
  type Expression,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { EngineError } from '../../domain/errors.js';
import type { CostExplorer, CostQuery } from '../../ports/cost-explorer.js';
import { DEFAULT_COST_METRIC, type CostMetric } from '../../domain/cost-group.js';
import type { CostGroup } from '../../reports/costs/cost-matrix.js';
import type { AwsCaller } from './retry.js';

/** GetCostForecast names the metrics of GetCostAndUsage otherwise. */
const FORECAST_METRIC = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
} as const satisfies Record<CostMetric, string>;
/** Issue #85: services and usage types leave credits and refunds out, as member accounts see their costs. */
const WITHOUT_CREDITS: Expression = {
  Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } },
};

function accountsFilter(accounts: readonly string[]): Expression {
  return { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [...accounts] } };
}

/** GetCostAndUsage, one request at a time, every page; each request counted (Cost Explorer bills USD 0.01 each). */
export class AwsCostExplorer implements CostExplorer {
  private made = 0;

  constructor(
    private readonly client: CostExplorerClient,
    private readonly caller: AwsCaller,
    /** reporting.costExplorerCallsPerDay: a run stops before it asks more. */
    private readonly maxRequests: number,
    /** Asked before every request (the runtime's daily budget, shared by its invocations): false refuses it. */
    private readonly gate?: () => Promise<boolean>,
  ) {}

  get requests(): number {
    return this.made;
  }

  async groups(
    query: CostQuery,
    onGroup: (group: CostGroup) => void,
  ): Promise<{ accountNames: Map<string, string> }> {
    const accountNames = new Map<string, string>();
    const second = query.groupBy[1];
    // Cost Explorer keys a tag's groups "<tag>$<value>", "<tag>$" for costs without the tag.
    const prefix = typeof second === 'object' ? `${second.tag}$` : '';
    const keyOf = (key: string) => (prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key);
    // Grouped by SERVICE alone: no account, the service is the key.
    const byAccount = query.groupBy[0] === 'LINKED_ACCOUNT';
    const name = query.metric ?? DEFAULT_COST_METRIC;
    let token: string | undefined;
    do {
      const page = await this.ask(query, token);
      for (const period of page.ResultsByTime ?? [])
        for (const g of period.Groups ?? []) {
          const metric = g.Metrics?.[name];
          const account = byAccount ? g.Keys?.[0] : '';
          if (!metric?.Amount || (byAccount && !account)) continue;
          onGroup({
            account: account ?? '',
            key: byAccount ? (second ? keyOf(g.Keys?.[1] ?? '') : '') : (g.Keys?.[0] ?? ''),
            amount: metric.Amount,
            unit: metric.Unit ?? 'USD',
            ...(period.TimePeriod?.Start ? { period: period.TimePeriod.Start } : {}),
          });
        }
      for (const v of page.DimensionValueAttributes ?? [])
        if (v.Value && v.Attributes?.description) accountNames.set(v.Value, v.Attributes.description);
      token = page.NextPageToken || undefined;
    } while (token);
    return { accountNames };
  }

  async total(query: CostQuery): Promise<{ amount: string; unit: string }> {
    const page = await this.ask(query, undefined);
    const periods = page.ResultsByTime ?? [];
    // One month is one period; a total over several would need adding exactly, which no caller asks for.
    if (periods.length > 1)
      throw new EngineError(
        'aws-bad-answer',
        'Cost Explorer answered a one-month total with several periods',
        {
          source: 'system',
        },
      );
    const metric = periods[0]?.Total?.[query.metric ?? DEFAULT_COST_METRIC];
    return { amount: metric?.Amount ?? '0', unit: metric?.Unit ?? 'USD' };
  }

  /** GetCostForecast of the metric; undefined when Cost Explorer gives none (too little history, say). */
  async forecast(query: {
    start: string;
    end: string;
    accounts: readonly string[];
    metric?: CostMetric;
  }): Promise<string | undefined> {
    const input = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: 'MONTHLY' as const,
      Metric: FORECAST_METRIC[query.metric ?? DEFAULT_COST_METRIC],
      Filter: accountsFilter(query.accounts),
    };
    try {
      const out = await this.metered('GetCostForecast', () =>
        this.client.send(new GetCostForecastCommand(input)),
      );
      return out.Total?.Amount;
    } catch (error) {
      if ((error as { code?: string }).code === 'cost-explorer-limit') throw error;
      return undefined;
    }
  }

  private ask(query: CostQuery, token: string | undefined): Promise<GetCostAndUsageCommandOutput> {
    const filters = [
      ...(query.withoutCredits ? [WITHOUT_CREDITS] : []),
      ...(query.accounts ? [accountsFilter(query.accounts)] : []),
    ];
    const input = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: query.granularity ?? 'MONTHLY',
      Metrics: [query.metric ?? DEFAULT_COST_METRIC],
      ...(query.groupBy.length > 0
        ? {
            GroupBy: query.groupBy.map((g) =>
              typeof g === 'object'
                ? { Type: 'TAG' as const, Key: g.tag }
                : { Type: 'DIMENSION' as const, Key: g },
            ),
          }
        : {}),
      ...(filters.length === 1
        ? { Filter: filters[0] }
        : filters.length > 1
          ? { Filter: { And: filters } }
          : {}),
      ...(token ? { NextPageToken: token } : {}),
    };
    return this.metered('GetCostAndUsage', () => this.client.send(new GetCostAndUsageCommand(input)));
  }

  /** One request, counted and checked against the limits first, Cost Explorer's throttling retried. */
  private metered<T>(operation: string, send: () => Promise<T>): Promise<T> {
    return this.caller.read(operation, async () => {
      if (this.made >= this.maxRequests || (this.gate && !(await this.gate())))
        throw new EngineError(
          'cost-explorer-limit',
          `the report needs more than ${this.maxRequests} Cost Explorer requests (reporting.costExplorerCallsPerDay)`,
          {
            source: 'user',
            hint: 'raise reporting.costExplorerCallsPerDay in settings.yaml; each request costs USD 0.01',
          },
        );
      this.made++;
      try {
        return await send();
      } catch (error) {
        // Cost Explorer's throttling error is LimitExceededException, which the shared retry policy does not know.
        if ((error as { name?: string }).name === 'LimitExceededException')
          Object.assign(error as object, { $retryable: { throttling: true } });
        throw error;
      }
    });
  }
}
