import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import { runtimeRules } from '../../engine/src/domain/runtime-rules.js';
import type { LambdaEnvironment } from '../../engine/src/entrypoints/lambda/environment.js';
import { MAX_RECEIVE_COUNT } from '../../engine/src/entrypoints/local/provision.js';
import { SENDERS } from '../../engine/src/events/senders.js';
import { HANDLERS } from '../../infra/lib/handlers.js';
import { sampleConfig, synthSpa, type Synthesized } from '../helpers/infra.js';

let s: Synthesized;
let t: Template;
const names = runtimeNames('SpaDemo');
type Resource = { Type: string; Properties: Record<string, unknown> };

function resources(type: string): [string, Resource][] {
  return Object.entries(t.findResources(type) as Record<string, Resource>);
}
function idOf(type: string, props: object): string {
  const found = Object.keys(t.findResources(type, { Properties: props }));
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
}
function statementsOfRole(roleId: string): Record<string, unknown>[] {
  return resources('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
}

beforeAll(async () => {
  s = synthSpa(await sampleConfig());
  t = s.template('automation');
}, 300_000);

describe('the automation stack', () => {
  it('runs every handler of the table on Node.js 24, arm64, as an ESM bundle with its own role and logs', () => {
    for (const h of HANDLERS) {
      t.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `SpaDemo-${h.name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: h.timeoutSeconds,
        MemorySize: h.memoryMb,
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      });
      t.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/SpaDemo-${h.name}`,
        RetentionInDays: 90,
      });
      t.hasResourceProperties('AWS::IAM::Role', { RoleName: `${names.runtimeRole}-${h.name}` });
    }
  });

  it('gives every function the environment the handlers read, with the management role to assume', () => {
    const required: (keyof LambdaEnvironment)[] = [
      'SPA_ENVIRONMENT',
      'SPA_RUNTIME_BUCKET',
      'SPA_RECORDS_TABLE',
      'SPA_DEADLINE_INDEX',
      'SPA_ACTIVITIES_TABLE',
      'SPA_IDEMPOTENCY_TABLE',
      'SPA_EXCEPTIONS_TABLE',
      'SPA_MAINTENANCE_QUEUE_URL',
      'SPA_EVENT_BUS_ARN',
      'SPA_MANAGEMENT_ROLE_ARN',
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_METRICS_NAMESPACE',
    ];
    const functions = resources('AWS::Lambda::Function').filter(([, f]) =>
      String(f.Properties.FunctionName).startsWith('SpaDemo-'),
    );
    expect(functions).toHaveLength(HANDLERS.length);
    for (const [, f] of functions) {
      const vars = (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(vars).sort()).toEqual([...required].sort());
      expect(vars.SPA_RECORDS_TABLE).toBe(names.recordsTable);
      expect(Object.keys(vars.SPA_RUNTIME_BUCKET as object)).toEqual(['Ref']);
      expect(vars.SPA_EVENT_BUS_ARN).toBe('arn:aws:events:eu-west-1:222222222222:event-bus/default');
      expect(vars.SPA_MANAGEMENT_ROLE_ARN).toBe('arn:aws:iam::123456789012:role/SpaDemo-management');
    }
  });

  it('feeds each handler from its own queue, in batches with partial failures, paced where builds start', () => {
    for (const h of HANDLERS) {
      if (!('queue' in h.trigger)) continue;
      const queue = idOf('AWS::SQS::Queue', { QueueName: names[h.trigger.queue].queue });
      const fn = idOf('AWS::Lambda::Function', { FunctionName: `SpaDemo-${h.name}` });
      t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
        FunctionName: { Ref: fn },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(h.trigger.paced ? { ScalingConfig: { MaximumConcurrency: 10 } } : {}),
      });
    }
  });

  it('sends what fails three times to an encrypted dead-letter queue, and alarms on its depth', () => {
    for (const kind of ['lifecycle', 'maintenance', 'activity'] as const) {
      const dlq = idOf('AWS::SQS::Queue', { QueueName: names[kind].deadLetterQueue });
      t.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: names[kind].queue,
        SqsManagedSseEnabled: true,
        VisibilityTimeout: Match.anyValue(),
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
          maxReceiveCount: MAX_RECEIVE_COUNT,
        },
      });
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `${names[kind].deadLetterQueue}-depth`,
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
        Threshold: 1,
      });
    }
    for (const [, q] of resources('AWS::SQS::Queue')) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    for (const [, p] of resources('AWS::SQS::QueuePolicy'))
      expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('routes the rules of the central bus to the queues the local runtime uses', () => {
    for (const rule of runtimeRules('SpaDemo')) {
      const queue = idOf('AWS::SQS::Queue', { QueueName: names[rule.queue].queue });
      t.hasResourceProperties('AWS::Events::Rule', {
        Name: rule.name,
        EventPattern: rule.pattern,
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] } })],
      });
    }
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { Environment: ['SpaDemo'] } }),
    });
  });

  it('lets each sender put on the central bus only the kinds of event it may send', () => {
    const statements = resources('AWS::Events::EventBusPolicy').map(([, r]) => r.Properties.Statement);
    const orgId = { 'Fn::GetAtt': [expect.any(String), 'Organization.Id'] };
    const allow = (condition: Record<string, unknown>) => ({
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: 'arn:aws:events:eu-west-1:222222222222:event-bus/default',
      Condition: { StringEquals: condition },
    });
    expect(statements).toEqual([
      expect.objectContaining(
        allow({
          'aws:PrincipalAccount': '123456789012',
          'events:source': ['aws.organizations', 'aws.signin'],
          'events:detail-type': [
            'AWS API Call via CloudTrail',
            'AWS Service Event via CloudTrail',
            'AWS Console Sign In via CloudTrail',
          ],
        }),
      ),
      expect.objectContaining(
        allow({
          'aws:PrincipalOrgID': orgId,
          'events:source': ['aws.codebuild'],
          'events:detail-type': ['CodeBuild Build State Change'],
        }),
      ),
      expect.objectContaining(
        allow({
          'aws:PrincipalOrgID': orgId,
          'events:source': ['aws.signin'],
          'events:detail-type': ['AWS Console Sign In via CloudTrail'],
        }),
      ),
      // Member accounts put the reports of the buildspecs, never an event the handlers act on.
      expect.objectContaining(
        allow({
          'aws:PrincipalOrgID': orgId,
          'events:source': ['SustainablePersonalAccounts'],
          'events:detail-type': ['PreparationReport', 'PurgeReport'],
        }),
      ),
    ]);
  });

  it('keeps records, activities (TTL), idempotency (TTL) and the apply lock in encrypted tables', () => {
    const pitr = { PointInTimeRecoveryEnabled: true };
    const sse = { SSEEnabled: true };
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: names.recordsTable,
      KeySchema: [{ AttributeName: 'accountId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'deadline', Projection: { ProjectionType: 'KEYS_ONLY' } }),
      ],
      PointInTimeRecoverySpecification: pitr,
      SSESpecification: sse,
    });
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: names.activitiesTable,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      SSESpecification: sse,
    });
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: names.idempotencyTable,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'SpaDemo-apply-lock',
      KeySchema: [{ AttributeName: 'lockId', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      SSESpecification: sse,
      ResourcePolicy: {
        PolicyDocument: {
          Statement: [
            Match.objectLike({
              Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
              Condition: {
                ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/SpaDemo-github-apply' },
              },
            }),
          ],
        },
      },
    });
  });

  it('keeps the runtime bucket versioned, encrypted, private and TLS only', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'spa-runtime-222222222222',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only the budgets of this environment in the management account publish to the budget topic', () => {
    t.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'SpaDemo-budget-alerts' });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:budgets::123456789012:budget/SpaDemo-*' },
            },
          }),
        ]),
      },
    });
  });

  it('encrypts the budget topic with a rotated key that only the budgets of this environment may use', () => {
    const key = idOf('AWS::KMS::Key', {
      Description: 'Encrypts the messages of the SNS topic SpaDemo-budget-alerts',
    });
    t.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'SpaDemo-budget-alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
    });
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:budgets::123456789012:budget/SpaDemo-*' },
            },
          }),
        ]),
      },
    });
  });

  it('creates the secrets the settings name without a value', () => {
    const secrets = resources('AWS::SecretsManager::Secret');
    expect(secrets.map(([, r]) => r.Properties.Name).sort()).toEqual([
      'SpaDemo/github-app',
      'spa/slack/data-platform',
      'spa/teams/sre',
    ]);
    for (const [, r] of secrets) {
      expect(r.Properties.SecretString).toBeUndefined();
      expect(r.Properties.GenerateSecretString).toBeUndefined();
    }
  });

  it('sweeps deadlines every five minutes, and lets spa publish send the windows to the maintenance queue', () => {
    const fn = idOf('AWS::Lambda::Function', { FunctionName: 'SpaDemo-deadlines' });
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] } }),
    });
    t.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: names.scheduleGroup });
    const role = idOf('AWS::IAM::Role', { RoleName: names.schedulerRole });
    const queue = idOf('AWS::SQS::Queue', { QueueName: names.maintenance.queue });
    expect(statementsOfRole(role)).toEqual([
      expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queue, 'Arn'] } }),
    ]);
  });

  it('grants no action wildcard, and the member role only to the handlers that start builds', () => {
    for (const [, p] of resources('AWS::IAM::Policy'))
      for (const st of (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] })
        .Statement)
        for (const a of [st.Action].flat()) expect(a, 'an action wildcard').not.toMatch(/(^\*$|:\*$)/);
    const orgId = Object.keys(t.findResources('Custom::AWS'))[0]!;
    const assumes = (h: string) =>
      statementsOfRole(idOf('AWS::IAM::Role', { RoleName: `${names.runtimeRole}-${h}` })).filter(
        (st) => st.Resource === 'arn:aws:iam::*:role/SpaBuildStarter',
      );
    for (const h of ['lifecycle', 'maintenance'])
      expect(assumes(h)).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:ResourceOrgID': { 'Fn::GetAtt': [orgId, 'Organization.Id'] } } },
        }),
      ]);
    for (const h of ['activity', 'deadlines']) expect(assumes(h)).toEqual([]);
  });

  it('runs the exceptions handler alone (one writer to GitHub), fed by its rules, the budget topic and the new month', () => {
    const fn = idOf('AWS::Lambda::Function', { FunctionName: 'SpaDemo-exceptions' });
    const [, f] = resources('AWS::Lambda::Function').find(([id]) => id === fn)!;
    expect(f.Properties.ReservedConcurrentExecutions).toBe(1);
    const queue = idOf('AWS::SQS::Queue', { QueueName: names.exceptions.queue });
    const topic = idOf('AWS::SNS::Topic', { TopicName: names.budgetTopic });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: { Ref: topic },
      Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] },
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      Name: names.rules.newMonth,
      ScheduleExpression: 'cron(10 0 1 * ? *)',
      Targets: [Match.objectLike({ Input: JSON.stringify({ spa: 'new-month' }) })],
    });
    for (const name of [names.rules.exceptions, names.rules.released])
      t.hasResourceProperties('AWS::Events::Rule', {
        Name: name,
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] } })],
      });
  });

  it('lets the exceptions handler read the secrets of the stack, send from the senders only, and use its table', () => {
    const role = idOf('AWS::IAM::Role', { RoleName: `${names.runtimeRole}-exceptions` });
    const byAction = (action: string) =>
      statementsOfRole(role).filter((st) => [st.Action].flat().includes(action));
    const ses = byAction('ses:SendEmail');
    expect(ses).toHaveLength(1);
    expect([...(ses[0]!.Resource as string[])].sort()).toEqual([
      'arn:aws:ses:eu-west-1:222222222222:identity/example.com',
      'arn:aws:ses:eu-west-1:222222222222:identity/spa@example.com',
    ]);
    const secrets = byAction('secretsmanager:GetSecretValue')[0]!.Resource as unknown[];
    expect(secrets).toHaveLength(resources('AWS::SecretsManager::Secret').length);
    const table = idOf('AWS::DynamoDB::Table', { TableName: names.exceptionsTable });
    expect(byAction('dynamodb:UpdateItem')).toContainEqual(
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [table, 'Arn'] } }),
    );
    for (const h of ['lifecycle', 'maintenance', 'activity', 'deadlines']) {
      const other = idOf('AWS::IAM::Role', { RoleName: `${names.runtimeRole}-${h}` });
      const actions = statementsOfRole(other).flatMap((st) => [st.Action].flat());
      expect(actions).not.toContain('secretsmanager:GetSecretValue');
      expect(actions).not.toContain('ses:SendEmail');
    }
  });

  it('lets the management account publish through the operator role, and nothing more than that', () => {
    const role = idOf('AWS::IAM::Role', { RoleName: names.operatorRole });
    const [, operator] = resources('AWS::IAM::Role').find(([id]) => id === role)!;
    const trust = JSON.stringify(operator.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain(':iam::123456789012:root');
    const actions = statementsOfRole(role).flatMap((st) => [st.Action].flat());
    expect(
      actions.filter(
        (a) =>
          !/^(s3|scheduler|iam:PassRole|cloudformation:Describe|secretsmanager:Describe|dynamodb:(GetItem|Query|Scan)$)/.test(
            String(a),
          ),
      ),
    ).toEqual([]);
  });

  it("schedules the reports at the original's times, each schedule sending its report to the function", () => {
    const fn = idOf('AWS::Lambda::Function', { FunctionName: 'SpaDemo-reports' });
    const expected = [
      ['costs-preliminary', 'cron(42 2 6 * ? *)', { report: 'costs', month: 'previous' }],
      ['costs-final', 'cron(42 2 14 * ? *)', { report: 'costs', month: 'previous' }],
      ['activities-monthly', 'cron(42 3 1 * ? *)', { report: 'activities', month: 'previous' }],
      ['activities-weekly', 'cron(42 2 ? * SAT *)', { report: 'activities', month: 'current' }],
      ['inventory-weekly', 'cron(23 3 ? * SAT *)', { report: 'inventory' }],
    ] as const;
    for (const [name, expression, input] of expected)
      t.hasResourceProperties('AWS::Scheduler::Schedule', {
        Name: `SpaDemo-reports-${name}`,
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'UTC',
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, Input: JSON.stringify(input) }),
      });
    const reports = resources('AWS::Scheduler::Schedule').filter(([, r]) =>
      String(r.Properties.Name).startsWith('SpaDemo-reports-'),
    );
    expect(reports).toHaveLength(expected.length);
  });

  it('lets the report function read the tables, write below reports/ and read the App secret, nothing more', () => {
    const role = idOf('AWS::IAM::Role', { RoleName: `${names.runtimeRole}-reports` });
    const bySid = new Map(statementsOfRole(role).map((st) => [st.Sid as string, st]));
    const records = idOf('AWS::DynamoDB::Table', { TableName: names.recordsTable });
    const activities = idOf('AWS::DynamoDB::Table', { TableName: names.activitiesTable });
    expect(bySid.get('ReadTheRecords')).toMatchObject({
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      Resource: { 'Fn::GetAtt': [records, 'Arn'] },
    });
    expect(bySid.get('ReadTheActivities')).toMatchObject({
      Action: 'dynamodb:Query',
      Resource: { 'Fn::GetAtt': [activities, 'Arn'] },
    });
    expect(JSON.stringify(bySid.get('CopyTheReports')!.Resource)).toContain('/reports/*');
    expect(bySid.get('CopyTheReports')).toMatchObject({ Action: ['s3:DeleteObject', 's3:PutObject'] });
    expect(bySid.get('ListTheReports')).toMatchObject({
      Action: 's3:ListBucket',
      Condition: { StringLike: { 's3:prefix': ['reports/*'] } },
    });
    expect(bySid.get('ReadTheGitHubApp')).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:SpaDemo/github-app-*',
    });
    expect(bySid.get('AssumeTheManagementRole')).toMatchObject({
      Resource: 'arn:aws:iam::123456789012:role/SpaDemo-management',
    });
    expect([...bySid.keys()].sort()).toEqual(
      [
        'AssumeTheManagementRole',
        'CopyTheReports',
        'ListTheReports',
        'PutEventsOnTheBus',
        'ReadTheActivities',
        'ReadTheGitHubApp',
        'ReadTheRecords',
        'ReadTheSettings',
        'WriteItsLogs',
      ].sort(),
    );
  });

  it('alarms on any event refused for its sender within 5 minutes, whatever its kind, beside the other alarms', () => {
    const [id, alarm] = resources('AWS::CloudWatch::Alarm').find(
      ([, a]) => a.Properties.AlarmName === 'SpaDemo-refused-events',
    )!;
    expect(alarm.Properties).toMatchObject({
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    const queries = alarm.Properties.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: {
        Metric: { MetricName: string; Namespace: string; Dimensions: object[] };
        Period: number;
      };
    }[];
    const kinds = Object.keys(SENDERS);
    const stats = queries.filter((q) => q.MetricStat);
    expect(stats.map((q) => q.MetricStat!.Metric.Dimensions)).toEqual(
      kinds.map((kind) => [
        { Name: 'Environment', Value: 'SpaDemo' },
        { Name: 'Kind', Value: kind },
      ]),
    );
    for (const q of stats) {
      expect(q.MetricStat!.Metric).toMatchObject({
        MetricName: 'RefusedEvents',
        Namespace: 'SustainablePersonalAccounts',
      });
      expect(q.MetricStat!.Period).toBe(300);
    }
    expect(queries.find((q) => q.Expression)!.Expression).toBe(
      `SUM([${stats.map((q) => `FILL(${q.Id}, 0)`).join(', ')}])`,
    );
    const [, dashboard] = resources('AWS::CloudWatch::Dashboard')[0]!;
    expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain(id);
  });

  it("shows the original's cockpit: costs, transactions, events, exceptions, Lambdas, tables, dead letters", () => {
    const [, dashboard] = resources('AWS::CloudWatch::Dashboard')[0]!;
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const title of [
      'Daily costs by cost center',
      'Transactions by cost center',
      'Events by label',
      'Exceptions by label',
      'Lambda invocations',
      'Lambda durations',
      'Lambda errors',
      'DynamoDB consumed capacity',
      'DynamoDB errors',
      'Dead-letter queues',
      'Alarms',
    ])
      expect(body).toContain(title);
    expect(body).toContain('Environment=\\\\\\"SpaDemo\\\\\\"');
  });
});
