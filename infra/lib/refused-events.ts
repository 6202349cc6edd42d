import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { SENDERS, type EventKind } from '../../engine/src/events/senders.js';
import { METRICS_NAMESPACE } from './dashboard.js';

const PERIOD = Duration.minutes(5);

/**
 * Fires on any event refused for its sender (the handlers' RefusedEvents metric, one per event kind) in 5
 * minutes: a forged event, or a bus or topic policy that lets through what it should not.
 */
export function refusedEventsAlarm(scope: Construct, environment: string): cloudwatch.Alarm {
  const kinds = Object.keys(SENDERS) as EventKind[];
  const usingMetrics = Object.fromEntries(
    kinds.map((kind, i) => [
      `m${i}`,
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'RefusedEvents',
        dimensionsMap: { Environment: environment, Kind: kind },
        statistic: 'Sum',
        period: PERIOD,
      }),
    ]),
  );
  const sum = new cloudwatch.MathExpression({
    expression: `SUM([${kinds.map((_, i) => `FILL(m${i}, 0)`).join(', ')}])`,
    usingMetrics,
    label: 'Refused events',
    period: PERIOD,
  });
  return sum.createAlarm(scope, 'RefusedEventsAlarm', {
    alarmName: `${environment}-refused-events`,
    alarmDescription: `The runtime refused an event for its sender (${kinds.join(', ')}): see the handlers' logs "refused an event"`,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}
