import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { runtimeNames, type RuntimeNames } from '../../engine/src/domain/runtime-names.js';
import { runtimeRules } from '../../engine/src/domain/runtime-rules.js';
import type { QueueKind } from '../../engine/src/entrypoints/local/provision.js';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { NEW_MONTH_MESSAGE } from '../../engine/src/exceptions/incoming.js';
import { budgetTopic } from './budget-topic.js';
import { centralBusPolicy } from './central-bus.js';
import type { InfraConfig } from './config.js';
import { refusedEventsAlarm } from './refused-events.js';
import { runtimeDashboard } from './dashboard.js';
import { HANDLERS, queueKinds, type HandlerSpec } from './handlers.js';
import { automationNag } from './nag.js';
import { operatorRole } from './operator-role.js';
import { OrganizationId } from './organization-id.js';
import { runtimeBucket } from './runtime-bucket.js';
import { RuntimeHandlers } from './runtime-handlers.js';
import { RuntimeQueue } from './runtime-queue.js';
import { RuntimeTables } from './runtime-tables.js';
import { HandlerSchedules, MaintenanceSchedules } from './schedules.js';
import { SecretShells } from './secret-shells.js';

export interface AutomationStackProps extends StackProps {
  config: InfraConfig;
  handlers?: readonly HandlerSpec[];
}

/** The runtime in the automation account: functions, queues, rules, schedules, tables, bucket, topic, dashboard. */
export class AutomationStack extends Stack {
  readonly handlers: RuntimeHandlers;
  readonly queues = new Map<QueueKind, RuntimeQueue>();
  readonly tables: RuntimeTables;
  readonly bucket: s3.Bucket;
  private readonly names: RuntimeNames;

  constructor(scope: Construct, id: string, props: AutomationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = (this.names = runtimeNames(config.environment));
    const { account, region } = config.automation;
    const handlers = props.handlers ?? HANDLERS;
    const organizationId = new OrganizationId(this, 'OrganizationId').value;
    centralBusPolicy(this, {
      organizationId,
      managementAccount: config.managementAccount,
      busArn: `arn:aws:events:${region}:${account}:event-bus/default`,
    });
    this.bucket = runtimeBucket(this, config.bucket);
    this.tables = new RuntimeTables(this, 'Tables', {
      names,
      applyLockTable: config.applyLockTable,
      applyRoleArn: `arn:aws:iam::${config.managementAccount}:role/${names.applyRole}`,
      managementAccount: config.managementAccount,
    });
    this.queuesAndRules(config.environment, handlers);
    const secrets = new SecretShells(this, 'Secrets', [
      ...new Set([...config.secretNames, config.githubAppSecret ?? names.githubAppSecret]),
    ]);
    const maintenance = this.queues.get('maintenance');
    const windows = maintenance
      ? new MaintenanceSchedules(this, 'MaintenanceSchedules', { names, queue: maintenance.queue, account })
      : undefined;
    this.handlers = new RuntimeHandlers(this, 'Handlers', {
      handlers,
      names,
      environment: config.environment,
      account,
      region,
      managementAccount: config.managementAccount,
      organizationId,
      memberRoleName: config.memberRoleName,
      maxConcurrentBuilds: config.maxConcurrentBuilds,
      bucket: this.bucket,
      tables: this.tables,
      queues: this.queues,
      schedules: new HandlerSchedules(this, 'HandlerSchedules', { environment: config.environment, account }),
      secretArns: secrets.arns(),
      emailSenders: config.emailSenders,
    });
    const topic = budgetTopic(this, names.budgetTopic, {
      managementAccount: config.managementAccount,
      environment: config.environment,
    });
    this.exceptionSources(topic);
    this.operator(config, windows, secrets);
    this.monitoring(config.environment);
    new CfnOutput(this, 'ApplyLockTableArn', { value: this.tables.applyLock.tableArn });
    new CfnOutput(this, 'BudgetTopicName', { value: names.budgetTopic });
    automationNag(this, {
      region,
      account,
      automationStackName: names.stacks.automation,
      scheduleGroup: names.scheduleGroup,
      memberRoleName: config.memberRoleName,
      githubAppSecret: names.githubAppSecret,
      scheduledFunctions: handlers
        .filter((h) => 'schedule' in h.trigger || 'schedules' in h.trigger)
        .map((h) => h.name),
    });
  }

  /** The secrets without their values, and the role that publishes the settings and reads for spa doctor. */
  private operator(
    config: InfraConfig,
    windows: MaintenanceSchedules | undefined,
    secrets: SecretShells,
  ): void {
    operatorRole(this, {
      names: this.names,
      managementAccount: config.managementAccount,
      bucket: this.bucket,
      schedulerRoleArn: windows?.role.roleArn ?? '',
      secretArns: secrets.arns(),
      account: config.automation.account,
      region: config.automation.region,
      tableArns: [this.tables.records.tableArn, this.tables.activities.tableArn],
    });
  }

  /**
   * What the exceptions queue gets besides the rules of the bus: the budget topic's notifications (in their SNS
   * envelope), and, on the first day of each month, the message that closes last month's budget alerts.
   */
  private exceptionSources(topic: sns.Topic): void {
    const queue = this.queues.get('exceptions');
    if (!queue) return;
    topic.addSubscription(new subscriptions.SqsSubscription(queue.queue));
    new events.Rule(this, `Rule-${this.names.rules.newMonth}`, {
      ruleName: this.names.rules.newMonth,
      description: 'Closes the budget alert issues of last month',
      schedule: events.Schedule.cron({ day: '1', hour: '0', minute: '10' }),
      targets: [
        new targets.SqsQueue(queue.queue, { message: events.RuleTargetInput.fromObject(NEW_MONTH_MESSAGE) }),
      ],
    });
  }

  /** A queue (and dead-letter queue) per queue that a handler consumes, fed by the rules of the central bus. */
  private queuesAndRules(environment: string, handlers: readonly HandlerSpec[]): void {
    for (const kind of queueKinds(handlers)) {
      const consumers = handlers.filter((h) => 'queue' in h.trigger && h.trigger.queue === kind);
      const longest = Math.max(...consumers.map((h) => h.timeoutSeconds));
      const queue = new RuntimeQueue(this, `Queue-${kind}`, {
        names: this.names[kind],
        visibilityTimeout: Duration.seconds(6 * longest),
      });
      this.queues.set(kind, queue);
    }
    for (const rule of runtimeRules(environment)) {
      const queue = this.queues.get(rule.queue);
      if (!queue) continue;
      const p = rule.pattern as {
        source?: string[];
        'detail-type'?: string[];
        detail?: Record<string, unknown>;
      };
      new events.Rule(this, `Rule-${rule.name}`, {
        ruleName: rule.name,
        eventPattern: {
          ...(p.source ? { source: p.source } : {}),
          ...(p['detail-type'] ? { detailType: p['detail-type'] } : {}),
          ...(p.detail ? { detail: p.detail } : {}),
        },
        targets: [new targets.SqsQueue(queue.queue)],
      });
    }
  }

  /** The dashboard, with the alarms of the queues, of the functions' errors and of refused events. */
  private monitoring(environment: string): void {
    const functions = [...this.handlers.functions.values()];
    const queues = [...this.queues.values()];
    const errors: cloudwatch.Alarm[] = functions.map((f) =>
      f.fn.metricErrors({ period: Duration.minutes(5) }).createAlarm(f, 'ErrorsAlarm', {
        alarmName: `${f.functionName}-errors`,
        alarmDescription: `The Lambda ${f.functionName} failed`,
        threshold: 1,
        evaluationPeriods: 1,
      }),
    );
    runtimeDashboard(this, {
      environment,
      functions: functions.map((f) => f.fn),
      tables: [this.tables.records, this.tables.activities, this.tables.idempotency, this.tables.applyLock],
      deadLetterQueues: queues.map((q) => q.deadLetterQueue),
      alarms: [...queues.flatMap((q) => q.alarms), ...errors, refusedEventsAlarm(this, environment)],
    });
  }
}
