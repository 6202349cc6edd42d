import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * The topic that every budget notification goes to (budgets.alertTopicArn): AWS Budgets may publish to it for the
 * accounts of this organization only. The exceptions queue subscribes to it.
 */
export function budgetTopic(scope: Construct, topicName: string, organizationId: string): sns.Topic {
  const topic = new sns.Topic(scope, 'BudgetTopic', {
    topicName,
    displayName: 'SPA budget alerts',
    enforceSSL: true,
  });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'BudgetsOfTheOrganization',
      principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceOrgID': organizationId } },
    }),
  );
  return topic;
}
