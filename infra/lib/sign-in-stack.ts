import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ForwardingRule, SIGN_IN_PATTERN } from './forwarding-rule.js';

export interface SignInStackProps extends StackProps {
  environment: string;
  centralBusArn: string;
}

/**
 * The management account in the region of IAM Identity Center (when it is not us-east-1): its sign-in events to
 * the central bus, with the forwarder role of the management stack (IAM is global).
 */
export class SignInStack extends Stack {
  constructor(scope: Construct, id: string, props: SignInStackProps) {
    super(scope, id, props);
    new ForwardingRule(this, 'SignIns', {
      ruleName: `${props.environment}-forward-sign-in`,
      description: 'Identity Center sign-ins to the central bus of the automation account',
      pattern: SIGN_IN_PATTERN,
      centralBusArn: props.centralBusArn,
      role: iam.Role.fromRoleName(this, 'Forwarder', `${props.environment}-event-forwarder`, {
        mutable: false,
      }),
    });
  }
}
