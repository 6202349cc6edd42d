/** Logs and metrics of the runtime: JSON lines with the account id, and CloudWatch Embedded Metric Format. */
export interface Telemetry {
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Adds 1 to a metric of namespace SustainablePersonalAccounts (dimension Environment, and `dimension`). */
  count(metric: string, dimension?: { name: string; value: string }): void;
}

/** Telemetry that keeps nothing (the CLI's operators' commands). */
export const silentTelemetry: Telemetry = { log: () => undefined, count: () => undefined };
