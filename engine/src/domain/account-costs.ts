/** The month-to-date costs of one account by service, beside last month's (Cost Explorer, UnblendedCost, USD). */
export interface AccountCosts {
  /** The day they were read (YYYY-MM-DD): they are cached for that day. */
  day: string;
  previousMonth: string;
  currentMonth: string;
  /** Exact decimal strings as Cost Explorer writes them; a service missing in a month has "0". */
  services: { service: string; previous: string; current: string }[];
  /** Cost Explorer's forecast of the current month, when it gives one. */
  forecast: string | undefined;
}
