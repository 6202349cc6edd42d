/** One group of a Cost Explorer answer grouped by LINKED_ACCOUNT and a second dimension. */
export interface CostGroup {
  account: string;
  /** The value of the second dimension (a service, a usage type, a record type); '' when there is none. */
  key: string;
  /** As Cost Explorer writes it: a decimal string. */
  amount: string;
  unit: string;
  /** The first day (YYYY-MM-DD) of the period the group is of: its month, or its day when asked DAILY. */
  period?: string;
}

/** The Cost Explorer metric of the amounts (reporting.costMetric). */
export type CostMetric = 'UnblendedCost' | 'AmortizedCost' | 'NetAmortizedCost';

/** reporting.costMetric when settings leave it out (the schema's default). */
export const DEFAULT_COST_METRIC: CostMetric = 'UnblendedCost';
