import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The role EventBridge forwards with: a bus of another account that admits the organization (aws:PrincipalOrgID)
 * rather than the account by id only takes events sent with a role (PutTargets' rule).
 */
export function forwarderRole(scope: Construct, roleName: string): iam.Role {
  // The rules that forward with it grant it events:PutEvents on the central bus, and nothing else.
  return new iam.Role(scope, 'ForwarderRole', {
    roleName,
    description: 'EventBridge forwards SPA events to the central bus of the automation account',
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
  });
}

export interface ForwardingRuleProps {
  ruleName: string;
  description: string;
  pattern: events.EventPattern;
  centralBusArn: string;
  role: iam.IRole;
}

/** A rule of this account's default bus that forwards what matches to the central bus. */
export class ForwardingRule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ForwardingRuleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: props.ruleName,
      description: props.description,
      eventPattern: props.pattern,
      targets: [
        new targets.EventBus(events.EventBus.fromEventBusArn(this, 'CentralBus', props.centralBusArn), {
          role: props.role,
        }),
      ],
    });
  }
}

/** Successful console sign-ins (the activity handler stores them and raises root and IAM user exceptions). */
export const SIGN_IN_PATTERN: events.EventPattern = {
  source: ['aws.signin'],
  detail: { eventName: ['ConsoleLogin'] },
};
