import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { RuntimeNames } from '../../engine/src/domain/runtime-names.js';

export interface OperatorRoleProps {
  names: RuntimeNames;
  managementAccount: string;
  bucket: s3.Bucket;
  schedulerRoleArn: string;
  /** The secrets whose presence of a value spa doctor checks. */
  secretArns: string[];
  account: string;
  region: string;
  /** The records and activities tables that spa accounts and spa report read. */
  tableArns?: string[];
}

/**
 * `<env>-operator`: what spa publish (after each apply), spa doctor and spa runtime assume in the automation
 * account from the management account. Publishing writes the settings and buildspecs and the maintenance
 * schedules; the doctor reads the stack, the published settings and whether each secret has a value.
 */
export function operatorRole(scope: Construct, props: OperatorRoleProps): iam.Role {
  const { names, account, region } = props;
  const role = new iam.Role(scope, 'OperatorRole', {
    roleName: names.operatorRole,
    description: 'spa publish and spa doctor from the management account',
    assumedBy: new iam.AccountPrincipal(props.managementAccount),
  });
  const group = `arn:aws:scheduler:${region}:${account}:schedule/${names.scheduleGroup}/*`;
  const statements = [
    new iam.PolicyStatement({
      sid: 'PublishTheSettings',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [props.bucket.arnForObjects('settings/*')],
    }),
    new iam.PolicyStatement({
      sid: 'ListTheSettings',
      actions: ['s3:ListBucket'],
      resources: [props.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': ['settings/*'] } },
    }),
    new iam.PolicyStatement({
      sid: 'KeepTheMaintenanceSchedules',
      actions: [
        'scheduler:GetSchedule',
        'scheduler:CreateSchedule',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
      ],
      resources: [group, `arn:aws:scheduler:${region}:${account}:schedule-group/${names.scheduleGroup}`],
    }),
    new iam.PolicyStatement({
      sid: 'ListTheSchedules',
      // ListSchedules has no resource type: it cannot be scoped.
      actions: ['scheduler:ListSchedules'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'SchedulesSendAsTheSchedulerRole',
      actions: ['iam:PassRole'],
      resources: [props.schedulerRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
    new iam.PolicyStatement({
      sid: 'DoctorReadsTheStack',
      actions: ['cloudformation:DescribeStacks'],
      resources: [`arn:aws:cloudformation:${region}:${account}:stack/${names.stacks.automation}/*`],
    }),
  ];
  if (props.secretArns.length > 0)
    statements.push(
      new iam.PolicyStatement({
        sid: 'DoctorSeesWhetherSecretsHaveValues',
        actions: ['secretsmanager:DescribeSecret'],
        resources: props.secretArns,
      }),
    );
  for (const s of statements) role.addToPolicy(s);
  for (const s of reportStatements(props)) role.addToPolicy(s);
  return role;
}

/** spa accounts and spa report read the tables; spa report --commit copies the reports below reports/. */
function reportStatements(props: OperatorRoleProps): iam.PolicyStatement[] {
  const out = [
    new iam.PolicyStatement({
      sid: 'CopyTheReports',
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: [props.bucket.arnForObjects('reports/*')],
    }),
    new iam.PolicyStatement({
      sid: 'ListTheReports',
      actions: ['s3:ListBucket'],
      resources: [props.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': ['reports/*'] } },
    }),
  ];
  if (props.tableArns?.length)
    out.push(
      new iam.PolicyStatement({
        sid: 'ReadTheRecordsAndActivities',
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
        resources: props.tableArns,
      }),
    );
  return out;
}
