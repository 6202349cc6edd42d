/** One activity of an account, kept for the reports (about 400 days). */
export interface Activity {
  kind: 'SuccessfulOnBoarding' | 'SuccessfulMaintenance' | 'ConsoleLogin';
  accountId: string;
  /** ISO 8601. */
  at: string;
  /** Unique per activity: the transaction id, or the sign-in event id. */
  id: string;
  /** SuccessfulOnBoarding / SuccessfulMaintenance. */
  begin?: string;
  durationSeconds?: number;
  costCenter?: string;
  /** ConsoleLogin: who (the role session name, else the ARN). */
  identity?: string;
}

export interface ActivityStore {
  put(activity: Activity): Promise<void>;
  /** The activities of a month (YYYY-MM), in time order. */
  month(month: string): Promise<Activity[]>;
}
