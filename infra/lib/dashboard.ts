import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** The namespace of the runtime's EMF metrics (Powertools), each with an Environment dimension. */
export const METRICS_NAMESPACE = 'SustainablePersonalAccounts';

export interface RuntimeDashboardProps {
  environment: string;
  functions: lambda.IFunction[];
  tables: dynamodb.Table[];
  deadLetterQueues: sqs.IQueue[];
  alarms: cloudwatch.IAlarm[];
}

/** A graph of every metric that a SEARCH finds: the widgets follow new cost centers and labels by themselves. */
function search(title: string, dims: string, metric: string, stat: string, period: Duration, env: string) {
  const expression =
    `SEARCH('{${METRICS_NAMESPACE},Environment,${dims}} MetricName="${metric}" ` +
    `Environment="${env}"', '${stat}', ${period.toSeconds()})`;
  return new cloudwatch.GraphWidget({
    title,
    width: 12,
    stacked: true,
    left: [new cloudwatch.MathExpression({ expression, label: '', period })],
  });
}

/** The original's cockpit: costs and transactions, events and exceptions, Lambdas, tables, dead letters, alarms. */
export function runtimeDashboard(scope: Construct, props: RuntimeDashboardProps): cloudwatch.Dashboard {
  const env = props.environment;
  const day = Duration.days(1);
  const five = Duration.minutes(5);
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    dashboardName: `${env}-cockpit`,
    defaultInterval: Duration.days(28),
  });
  const each = <T>(items: T[], metric: (item: T) => cloudwatch.IMetric) => items.map(metric);
  dashboard.addWidgets(
    search('Daily costs by cost center (USD)', 'CostCenter', 'DailyCostsByCostCenter', 'Maximum', day, env),
    search('Transactions by cost center', 'CostCenter', 'TransactionsByCostCenter', 'Sum', day, env),
  );
  dashboard.addWidgets(
    search('Transactions by label', 'Label', 'TransactionsByLabel', 'Sum', day, env),
    search('Events by label', 'Label', 'AccountEventsByLabel', 'Sum', five, env),
  );
  dashboard.addWidgets(
    search('Exceptions by label', 'Label', 'ExceptionsByLabel', 'Sum', five, env),
    new cloudwatch.GraphWidget({
      title: 'Dead-letter queues (messages)',
      width: 12,
      left: each(props.deadLetterQueues, (q) => q.metricApproximateNumberOfMessagesVisible({ period: five })),
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Lambda invocations',
      width: 8,
      left: each(props.functions, (f) => f.metricInvocations({ period: five })),
    }),
    new cloudwatch.GraphWidget({
      title: 'Lambda durations (p90)',
      width: 8,
      left: each(props.functions, (f) => f.metricDuration({ period: five, statistic: 'p90' })),
    }),
    new cloudwatch.GraphWidget({
      title: 'Lambda errors',
      width: 8,
      left: each(props.functions, (f) => f.metricErrors({ period: five })),
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'DynamoDB consumed capacity',
      width: 12,
      left: each(props.tables, (t) => t.metricConsumedReadCapacityUnits({ period: five })),
      right: each(props.tables, (t) => t.metricConsumedWriteCapacityUnits({ period: five })),
    }),
    new cloudwatch.GraphWidget({
      title: 'DynamoDB errors',
      width: 12,
      left: [
        new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'UserErrors',
          statistic: 'Sum',
          period: five,
          label: 'User errors (account)',
        }),
        ...each(
          props.tables,
          (t) =>
            new cloudwatch.MathExpression({
              expression: `SEARCH('{AWS/DynamoDB,TableName,Operation} MetricName="SystemErrors" TableName="${t.tableName}"', 'Sum', 300)`,
              label: '',
              period: five,
            }),
        ),
      ],
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: props.alarms }),
  );
  return dashboard;
}
