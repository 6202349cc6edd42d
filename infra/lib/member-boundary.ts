import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** The tag the builds must put on every IAM role and user they create, and only those they may change. */
export const CREATED_BY_TAG = { key: 'spa-created-by', value: 'SpaBuild' } as const;
/** The tag of SPA's own resources (buildspecs protect it too). */
export const ORIGIN_TAG = { key: 'origin', value: 'SustainablePersonalAccounts' } as const;
export const BOUNDARY_NAME = 'SpaBuildBoundary';

const ROLES_AND_USERS = ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/*'];
/** SPA's resources by name: SpaPreparation, SpaPurge, SpaBuild, SpaBuildStarter, the StackSet's stacks. */
const SPA_RESOURCES = [
  'arn:aws:iam::*:role/Spa*',
  'arn:aws:iam::*:policy/Spa*',
  'arn:aws:codebuild:*:*:project/Spa*',
  'arn:aws:logs:*:*:log-group:/aws/codebuild/Spa*',
  'arn:aws:events:*:*:rule/Spa*',
  'arn:aws:cloudformation:*:*:stack/StackSet-*-member-accounts-*/*',
];
/** Control Tower's, Identity Center's, StackSets' and the organization's roles and resources. */
const PLATFORM_RESOURCES = [
  'arn:aws:iam::*:role/aws-controltower-*',
  'arn:aws:iam::*:role/AWSControlTower*',
  'arn:aws:iam::*:role/aws-reserved/*',
  'arn:aws:iam::*:role/OrganizationAccountAccessRole',
  'arn:aws:iam::*:role/stacksets-exec-*',
  'arn:aws:cloudformation:*:*:stack/StackSet-AWSControlTower*/*',
  'arn:aws:lambda:*:*:function:aws-controltower-*',
  'arn:aws:sns:*:*:aws-controltower-*',
  'arn:aws:events:*:*:rule/aws-controltower-*',
  'arn:aws:logs:*:*:log-group:aws-controltower*',
  'arn:aws:s3:::aws-controltower-*',
];

function deny(sid: string, props: Omit<iam.PolicyStatementProps, 'sid' | 'effect'>): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, ...props });
}

/** Never SPA's, Control Tower's nor Identity Center's resources; SPA roles are passed to Lambda only. */
function protections(): iam.PolicyStatement[] {
  return [
    // Its logs, and SpaCloudCustodian passed to the Lambdas of Cloud Custodian (preparation), are all it may use.
    deny('NeverSpaResources', {
      notActions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'iam:PassRole'],
      resources: SPA_RESOURCES,
    }),
    deny('PassSpaRolesToLambdaOnly', {
      actions: ['iam:PassRole'],
      resources: ['arn:aws:iam::*:role/Spa*'],
      conditions: { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    }),
    deny('NeverResourcesTaggedSpa', {
      notActions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'iam:PassRole'],
      resources: ['*'],
      conditions: { StringEquals: { [`aws:ResourceTag/${ORIGIN_TAG.key}`]: ORIGIN_TAG.value } },
    }),
    deny('NeverControlTowerNorIdentityCenter', {
      notActions: ['sts:GetCallerIdentity'],
      resources: PLATFORM_RESOURCES,
    }),
  ];
}

/** Only the IAM roles and users it created (tagged, and bounded by this boundary), whose boundary stays. */
function identityRules(boundaryArn: string): iam.PolicyStatement[] {
  const tag = `${CREATED_BY_TAG.key}`;
  return [
    deny('OnlyIdentitiesItCreated', {
      notActions: ['iam:CreateRole', 'iam:CreateUser', 'iam:TagRole', 'iam:TagUser', 'iam:Get*', 'iam:List*'],
      resources: ROLES_AND_USERS,
      conditions: { StringNotEquals: { [`iam:ResourceTag/${tag}`]: CREATED_BY_TAG.value } },
    }),
    deny('CreatedIdentitiesAreTagged', {
      actions: ['iam:CreateRole', 'iam:CreateUser'],
      resources: ROLES_AND_USERS,
      conditions: { StringNotEquals: { [`aws:RequestTag/${tag}`]: CREATED_BY_TAG.value } },
    }),
    deny('CreatedIdentitiesAreBounded', {
      actions: ['iam:CreateRole', 'iam:CreateUser'],
      resources: ROLES_AND_USERS,
      conditions: { StringNotEquals: { 'iam:PermissionsBoundary': boundaryArn } },
    }),
    deny('BoundariesStay', {
      actions: [
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteUserPermissionsBoundary',
        'iam:PutRolePermissionsBoundary',
        'iam:PutUserPermissionsBoundary',
      ],
      resources: ROLES_AND_USERS,
    }),
  ];
}

/**
 * The permissions boundary of the builds: broad enough to purge an account, but never Organizations or the
 * account's settings, never SPA's or Control Tower's resources, never an IAM role or user it did not create (and
 * what it creates carries this boundary, so that it cannot make itself a way out).
 */
export function buildBoundary(scope: Construct, account: string): iam.ManagedPolicy {
  return new iam.ManagedPolicy(scope, 'BuildBoundary', {
    managedPolicyName: BOUNDARY_NAME,
    description: 'SPA builds: everything but Organizations, SPA, Control Tower and IAM identities of others',
    statements: [
      new iam.PolicyStatement({
        sid: 'AtMostEverythingButTheOrganization',
        notActions: ['organizations:*', 'account:*'],
        resources: ['*'],
      }),
      deny('NeverTheOrganization', { actions: ['organizations:*', 'account:*'], resources: ['*'] }),
      ...protections(),
      ...identityRules(`arn:aws:iam::${account}:policy/${BOUNDARY_NAME}`),
    ],
  });
}
