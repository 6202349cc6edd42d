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

/** Row 1 to 3: costs and transactions per cost center, events and exceptions by label (the runtime's EMF metrics). */
function businessRows(env: string, deadLetterQueues: sqs.IQueue[]): cloudwatch.IWidget[][] {
  const day = Duration.days(1);
  const five = Duration.minutes(5);
  return [
    [
      search('Daily costs by cost center (USD)', 'CostCenter', 'DailyCostsByCostCenter', 'Maximum', day, env),
      search('Transactions by cost center', 'CostCenter', 'TransactionsByCostCenter', 'Sum', day, env),
    ],
    [
      search('Transactions by label', 'Label', 'TransactionsByLabel', 'Sum', day, env),
      search('Events by label', 'Label', 'AccountEventsByLabel', 'Sum', five, env),
    ],
    [
      search('Exceptions by label', 'Label', 'ExceptionsByLabel', 'Sum', five, env),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (messages)',
        width: 12,
        left: deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible({ period: five })),
      }),
    ],
  ];
}

/** Row 4 and 5: the Lambdas' invocations, durations and errors; the tables' capacity and errors. */
function serviceRows(props: RuntimeDashboardProps): cloudwatch.IWidget[][] {
  const five = Duration.minutes(5);
  const graph = (
    title: string,
    width: number,
    left: cloudwatch.IMetric[],
    right: cloudwatch.IMetric[] = [],
  ) => new cloudwatch.GraphWidget({ title, width, left, right });
  const systemErrors = (t: dynamodb.Table) =>
    new cloudwatch.MathExpression({
      expression: `SEARCH('{AWS/DynamoDB,TableName,Operation} MetricName="SystemErrors" TableName="${t.tableName}"', 'Sum', 300)`,
      label: '',
      period: five,
    });
  const userErrors = new cloudwatch.Metric({
    namespace: 'AWS/DynamoDB',
    metricName: 'UserErrors',
    statistic: 'Sum',
    period: five,
    label: 'User errors (account)',
  });
  const fns = props.functions;
  return [
    [
      graph(
        'Lambda invocations',
        8,
        fns.map((f) => f.metricInvocations({ period: five })),
      ),
      graph(
        'Lambda durations (p90)',
        8,
        fns.map((f) => f.metricDuration({ period: five, statistic: 'p90' })),
      ),
      graph(
        'Lambda errors',
        8,
        fns.map((f) => f.metricErrors({ period: five })),
      ),
    ],
    [
      graph(
        'DynamoDB consumed capacity',
        12,
        props.tables.map((t) => t.metricConsumedReadCapacityUnits({ period: five })),
        props.tables.map((t) => t.metricConsumedWriteCapacityUnits({ period: five })),
      ),
      graph('DynamoDB errors', 12, [userErrors, ...props.tables.map(systemErrors)]),
    ],
  ];
}

/** The original's cockpit: costs and transactions, events and exceptions, Lambdas, tables, dead letters, alarms. */
export function runtimeDashboard(scope: Construct, props: RuntimeDashboardProps): cloudwatch.Dashboard {
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    dashboardName: `${props.environment}-cockpit`,
    defaultInterval: Duration.days(28),
  });
  for (const row of [...businessRows(props.environment, props.deadLetterQueues), ...serviceRows(props)])
    dashboard.addWidgets(...row);
  dashboard.addWidgets(
    new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: props.alarms }),
  );
  return dashboard;
}
