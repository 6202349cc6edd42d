import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RuntimeNames } from '../../engine/src/domain/runtime-names.js';

/**
 * The group and role of the maintenance windows: spa publish creates one schedule per distinct window in the
 * group, sending to the maintenance queue as this role (README, DESIGN section 6).
 */
export class MaintenanceSchedules extends Construct {
  readonly role: iam.Role;
  readonly group: scheduler.CfnScheduleGroup;

  constructor(
    scope: Construct,
    id: string,
    props: { names: RuntimeNames; queue: sqs.IQueue; account: string },
  ) {
    super(scope, id);
    this.group = new scheduler.CfnScheduleGroup(this, 'Group', { name: props.names.scheduleGroup });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.names.schedulerRole,
      description: 'EventBridge Scheduler sends the maintenance windows to the maintenance queue',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'SendTheWindows',
        actions: ['sqs:SendMessage'],
        resources: [props.queue.queueArn],
      }),
    );
  }
}

/** The schedules of the stack itself (the deadline sweeper, the reports), each invoking its function. */
export class HandlerSchedules extends Construct {
  readonly role: iam.Role;
  readonly group: scheduler.CfnScheduleGroup;

  constructor(scope: Construct, id: string, props: { environment: string; account: string }) {
    super(scope, id);
    this.group = new scheduler.CfnScheduleGroup(this, 'Group', { name: `${props.environment}-runtime` });
    this.role = new iam.Role(this, 'Role', {
      roleName: `${props.environment}-runtime-scheduler`,
      description: 'EventBridge Scheduler invokes the scheduled functions of the runtime',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
      }),
    });
  }

  add(name: string, expression: string, fn: lambda.IFunction, input?: object): scheduler.CfnSchedule {
    fn.grantInvoke(this.role);
    return new scheduler.CfnSchedule(this, `Schedule-${name}`, {
      name,
      groupName: this.group.ref,
      scheduleExpression: expression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: this.role.roleArn,
        retryPolicy: { maximumRetryAttempts: 0 },
        ...(input ? { input: JSON.stringify(input) } : {}),
      },
    });
  }
}

/**
 * The schedules of the reports, in UTC, at the original's times (spa-original.md section 3.1): the preliminary
 * cost report of last month on the 6th and the final one on the 14th (Cost Explorer keeps refining a month); the
 * activities of last month on the 1st and of the month so far every Saturday; the inventory every Saturday.
 */
export const REPORT_SCHEDULES = [
  {
    name: 'costs-preliminary',
    expression: 'cron(42 2 6 * ? *)',
    input: { report: 'costs', month: 'previous' },
  },
  { name: 'costs-final', expression: 'cron(42 2 14 * ? *)', input: { report: 'costs', month: 'previous' } },
  {
    name: 'activities-monthly',
    expression: 'cron(42 3 1 * ? *)',
    input: { report: 'activities', month: 'previous' },
  },
  {
    name: 'activities-weekly',
    expression: 'cron(42 2 ? * SAT *)',
    input: { report: 'activities', month: 'current' },
  },
  { name: 'inventory-weekly', expression: 'cron(23 3 ? * SAT *)', input: { report: 'inventory' } },
] as const;
