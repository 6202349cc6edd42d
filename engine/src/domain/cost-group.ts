/** One group of a Cost Explorer answer grouped by LINKED_ACCOUNT and a second dimension. */
export interface CostGroup {
  account: string;
  /** The value of the second dimension (a service, a usage type, a record type); '' when there is none. */
  key: string;
  /** As Cost Explorer writes it: a decimal string. */
  amount: string;
  unit: string;
  /** The first day (YYYY-MM-DD) of the period of the amount: one month of a query over several. */
  start?: string;
}
