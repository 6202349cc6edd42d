import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Telemetry } from '../../ports/telemetry.js';

/** Powertools: JSON logs (with the account id the use cases give on every line) and EMF metrics. */
export function powertoolsTelemetry(environment: string): Telemetry & { logger: Logger; metrics: Metrics } {
  const logger = new Logger({ persistentKeys: { environment } });
  const metrics = new Metrics({
    namespace: 'SustainablePersonalAccounts',
    defaultDimensions: { Environment: environment },
  });
  return {
    logger,
    metrics,
    log: (level, message, fields = {}) => logger[level](message, fields),
    count(metric, dimension) {
      const single = metrics.singleMetric();
      if (dimension) single.addDimension(dimension.name, dimension.value);
      single.addMetric(metric, MetricUnit.Count, 1);
    },
  };
}
