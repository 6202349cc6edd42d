import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';

/**
 * The policy of the central bus (the default bus of the automation account): every account of the organization
 * may put events on it (forwarding rules of the management and member accounts, the purge report), no one else.
 */
export function centralBusPolicy(
  scope: Construct,
  organizationId: string,
  busArn: string,
): events.CfnEventBusPolicy {
  return new events.CfnEventBusPolicy(scope, 'CentralBusPolicy', {
    statementId: 'SpaOrganizationPutsEvents',
    eventBusName: 'default',
    statement: {
      Sid: 'SpaOrganizationPutsEvents',
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: busArn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
    },
  });
}
