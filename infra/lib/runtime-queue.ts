import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueNames } from '../../engine/src/domain/runtime-names.js';
import { MAX_RECEIVE_COUNT } from '../../engine/src/entrypoints/local/provision.js';

export interface RuntimeQueueProps {
  names: QueueNames;
  /** At least six times the timeout of the function that consumes it (Lambda's advice for SQS sources). */
  visibilityTimeout: Duration;
}

/**
 * A queue in front of a handler, with its dead-letter queue (after MAX_RECEIVE_COUNT deliveries, as the local
 * runtime does), both encrypted and TLS only, and alarms on what failed and on what waits too long.
 */
export class RuntimeQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: RuntimeQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      queueName: props.names.deadLetterQueue,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.names.queue,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    this.alarms = [
      this.deadLetterQueue
        .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) })
        .createAlarm(this, 'DeadLettersAlarm', {
          alarmName: `${props.names.deadLetterQueue}-depth`,
          alarmDescription: `Messages that failed ${MAX_RECEIVE_COUNT} times wait in ${props.names.deadLetterQueue}`,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      this.queue
        .metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5) })
        .createAlarm(this, 'AgeAlarm', {
          alarmName: `${props.names.queue}-age`,
          alarmDescription: `A message has waited more than an hour in ${props.names.queue}`,
          threshold: 3600,
          evaluationPeriods: 3,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    ];
  }
}
