import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

interface PolicyJson {
  Statement: {
    Sid?: string;
    Principal?: { Federated?: string };
    Condition?: Record<string, Record<string, string>>;
    Resource?: string | string[];
  }[];
}

/** A policy of infra/iam/, the files that test/infra/iam-policies.test.ts keeps equal to the engine's calls. */
export function iamPolicyFile(name: string, environment = '<ENVIRONMENT>'): PolicyJson {
  const text = readFileSync(join(repoRoot, 'infra/iam', name), 'utf8');
  return JSON.parse(text.replaceAll('<ENVIRONMENT>', environment)) as PolicyJson;
}

export interface GitHubRolesProps {
  repository: string;
  planRoleName: string;
  applyRoleName: string;
  /** The ARN of the apply lock table (the apply policy names a placeholder table). */
  applyLockTableArn: string;
  /** `<environment>-operator` of the automation account, which the apply job assumes to publish the settings. */
  operatorRoleArn: string;
  /** The management account, which holds the StackSet of the member accounts whose OU targets publish keeps. */
  managementAccount: string;
  /** GitHub's OIDC provider when the account has one already (IAM allows one per URL); else one is created. */
  oidcProviderArn?: string;
  /** The environment: the apply role changes only the accounts, OUs and policies tagged spa-environment with it. */
  environment: string;
}

/**
 * GitHub's OIDC provider (created, or the account's own when settings name it) and the plan and apply roles of the settings repository, with the trust and policies of
 * infra/iam/ as they are, placeholders filled in: the plan job of the environment spa-plan reads, the apply job of
 * spa-apply writes.
 */
export class GitHubRoles extends Construct {
  readonly plan: iam.Role;
  readonly apply: iam.Role;
  readonly provider: iam.IOidcProvider;

  constructor(scope: Construct, id: string, props: GitHubRolesProps) {
    super(scope, id);
    this.provider = props.oidcProviderArn
      ? iam.OidcProviderNative.fromOidcProviderArn(this, 'Provider', props.oidcProviderArn)
      : new iam.OidcProviderNative(this, 'Provider', {
          url: 'https://token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
        });
    this.plan = this.role('Plan', props, props.planRoleName, 'spa-plan');
    this.apply = this.role('Apply', props, props.applyRoleName, 'spa-apply');
  }

  private role(id: string, props: GitHubRolesProps, roleName: string, file: string): iam.Role {
    const trust = iamPolicyFile(`${file}-trust.json`).Statement[0]!;
    const conditions = JSON.parse(
      JSON.stringify(trust.Condition ?? {}).replaceAll('<OWNER>/<REPOSITORY>', props.repository),
    ) as Record<string, unknown>;
    const policy = iamPolicyFile(`${file}-policy.json`, props.environment);
    for (const s of policy.Statement) {
      if (s.Sid === 'HoldTheApplyLock') s.Resource = props.applyLockTableArn;
      if (s.Sid === 'PublishThroughTheOperatorRole') s.Resource = props.operatorRoleArn;
      // The member StackSet of this environment, in the management account (the policy leaves the account open).
      if (s.Sid === 'ReadTheMemberStackSet' || s.Sid === 'KeepTheMemberStackSetTargets')
        s.Resource = [s.Resource ?? []]
          .flat()
          .map((r) => r.replace(':us-east-1:*:', `:us-east-1:${props.managementAccount}:`));
    }
    return new iam.Role(this, id, {
      roleName,
      description: `The ${file} job of ${props.repository} (GitHub OIDC)`,
      assumedBy: new iam.FederatedPrincipal(
        this.provider.oidcProviderArn,
        conditions,
        'sts:AssumeRoleWithWebIdentity',
      ),
      inlinePolicies: { [file]: iam.PolicyDocument.fromJson(policy) },
    });
  }
}
