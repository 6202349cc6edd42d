import type { CostGroup, CostMetric } from '../domain/cost-group.js';

/**
 * A dimension, or a cost allocation tag ({ tag: key }): its groups are keyed by the tag's value as it was when the
 * cost was incurred, '' for costs without it.
 */
export type CostGrouping = 'LINKED_ACCOUNT' | 'SERVICE' | 'USAGE_TYPE' | 'RECORD_TYPE' | { tag: string };

/** A GetCostAndUsage question about one month or more (monthly), UnblendedCost unless it says (DESIGN.md section 7). */
export interface CostQuery {
  /** [start, end) as YYYY-MM-DD; over several months, each group says its month (CostGroup.period). */
  start: string;
  end: string;
  /**
   * LINKED_ACCOUNT and a second dimension or a cost allocation tag, LINKED_ACCOUNT alone, SERVICE alone (groups of
   * account '' keyed by service), or nothing for the month's total.
   */
  groupBy: readonly CostGrouping[];
  /** Leave out the record types Credit and Refund (issue #85). */
  withoutCredits: boolean;
  /** Only these linked accounts (an exception's account); all of them when absent. */
  accounts?: readonly string[];
  /** The metric of the amounts (reporting.costMetric); UnblendedCost when absent. */
  metric?: CostMetric;
  /** DAILY: each group says its day (CostGroup.period); MONTHLY when absent. */
  granularity?: 'DAILY' | 'MONTHLY';
}

/** Reads Cost Explorer. Every request costs USD 0.01, every page included: the implementation counts them. */
export interface CostExplorer {
  /** Every group of a grouped query, page after page (NextPageToken), handed over as they come. */
  groups(
    query: CostQuery,
    onGroup: (group: CostGroup) => void,
  ): Promise<{ accountNames: Map<string, string> }>;
  /** Cost Explorer's own total of a query without grouping, as a decimal string, and its unit. */
  total(query: CostQuery): Promise<{ amount: string; unit: string }>;
  /** Cost Explorer's forecast of the metric (UnblendedCost when absent) over [start, end), or undefined when it gives none. */
  forecast(query: {
    start: string;
    end: string;
    accounts: readonly string[];
    metric?: CostMetric;
  }): Promise<string | undefined>;
  /** Requests made so far (pages included). */
  readonly requests: number;
}
