import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * The topic that every budget notification goes to (budgets.alertTopicArn): AWS Budgets may publish to it for the
 * budgets of this environment in the management account only (`<environment>-*`, where spa apply keeps them).
 * The exceptions queue subscribes to it; its handler checks again that the budget exists there. The topic is
 * encrypted with a key of its own (rotated every year), which AWS Budgets may use to publish, for the same budgets
 * only: the key that AWS manages for SNS cannot be shared with a service.
 */
export function budgetTopic(
  scope: Construct,
  topicName: string,
  input: { managementAccount: string; environment: string },
): sns.Topic {
  const sourceConditions = {
    StringEquals: { 'aws:SourceAccount': input.managementAccount },
    ArnLike: {
      'aws:SourceArn': `arn:aws:budgets::${input.managementAccount}:budget/${input.environment}-*`,
    },
  };
  const key = new kms.Key(scope, 'BudgetTopicKey', {
    description: `Encrypts the messages of the SNS topic ${topicName}`,
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'BudgetsOfTheManagementAccount',
      principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: sourceConditions,
    }),
  );
  const topic = new sns.Topic(scope, 'BudgetTopic', {
    topicName,
    displayName: 'SPA budget alerts',
    enforceSSL: true,
    masterKey: key,
  });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'BudgetsOfTheManagementAccount',
      principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: sourceConditions,
    }),
  );
  return topic;
}
