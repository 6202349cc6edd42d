import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../engine/src/domain/runtime-names.js';

/**
 * Who may put which events on the central bus (the default bus of the automation account), besides the automation
 * account itself: the kinds each sender may send, by `events:source` and `events:detail-type`, as the handlers'
 * sender table says (engine/src/events/senders.ts), which checks again whatever this policy lets through.
 */
export const BUS_SENDERS = [
  {
    sid: 'ManagementAccountPutsOrganizationsAndSignIns',
    who: 'management',
    // Its forwarding rule (CloudTrail of Organizations) and the sign-ins of Identity Center.
    sources: ['aws.organizations', 'aws.signin'],
    detailTypes: [
      'AWS API Call via CloudTrail',
      'AWS Service Event via CloudTrail',
      'AWS Console Sign In via CloudTrail',
    ],
  },
  {
    sid: 'MemberAccountsPutBuildStates',
    who: 'organization',
    sources: ['aws.codebuild'],
    detailTypes: ['CodeBuild Build State Change'],
  },
  {
    sid: 'MemberAccountsPutSignIns',
    who: 'organization',
    sources: ['aws.signin'],
    detailTypes: ['AWS Console Sign In via CloudTrail'],
  },
  {
    sid: 'MemberAccountsPutBuildReports',
    who: 'organization',
    // The reports of the buildspecs; no other event in SPA's name.
    sources: [EVENT_SOURCE],
    detailTypes: ['PreparationReport', 'PurgeReport'],
  },
] as const;

/** The statements of the central bus's policy: one resource per statement, as EventBridge keeps them. */
export function centralBusPolicy(
  scope: Construct,
  input: { organizationId: string; managementAccount: string; busArn: string },
): events.CfnEventBusPolicy[] {
  return BUS_SENDERS.map(
    (s) =>
      new events.CfnEventBusPolicy(scope, s.sid, {
        statementId: s.sid,
        eventBusName: 'default',
        statement: {
          Sid: s.sid,
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: input.busArn,
          Condition: {
            StringEquals: {
              ...(s.who === 'management'
                ? { 'aws:PrincipalAccount': input.managementAccount }
                : { 'aws:PrincipalOrgID': input.organizationId }),
              'events:source': [...s.sources],
              'events:detail-type': [...s.detailTypes],
            },
          },
        },
      }),
  );
}
