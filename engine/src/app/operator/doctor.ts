import { EngineError } from '../../domain/errors.js';
import { runtimeNames, SETTINGS_KEY } from '../../domain/runtime-names.js';
import type { AutomationProbe, ManagementProbe } from '../../ports/deployment.js';
import { costAllocationTagCheck } from './cost-allocation-check.js';
import type { DoctorCheck, NamedCheck } from './doctor-check.js';

/** What the deployment of one environment should be, from its settings. */
export interface DoctorInput {
  environment: string;
  managementAccountId: string;
  automation?: { account: string; region: string };
  bucket?: string;
  identityCenterRegion?: string;
  githubRepository?: string;
  applyLockTable?: string;
  /** The secrets the settings name (webhooks); the GitHub App's is added. */
  secretNames: string[];
  /** reporting.costCenterTag: the cost reports group costs by it as a cost allocation tag. */
  costCenterTag: string;
}

export type { DoctorCheck, DoctorStatus, NamedCheck } from './doctor-check.js';

export const STACKSETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';
const HEALTHY = /_COMPLETE$/;
const DEPLOY = 'deploy the stacks: npx cdk deploy --all (infra/README.md, "Deploy the runtime")';

const ok = (id: string, summary: string): DoctorCheck => ({ id, status: 'ok', summary });
const missing = (id: string, summary: string, fix: string, manual = false): DoctorCheck => ({
  id,
  status: 'missing',
  summary,
  fix,
  ...(manual ? { manual } : {}),
});

/** An AWS call that did not reach AWS: no answer with a status code (network, endpoint). */
function unreachable(error: unknown): boolean {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === undefined;
}

/** A check whose read failed: AWS unreachable stops the doctor (exit 3); a refusal is reported on the check. */
export async function guarded(id: string, check: () => Promise<DoctorCheck>): Promise<DoctorCheck> {
  try {
    return await check();
  } catch (error) {
    // No credentials: the message every command gives (the CLI's error path).
    if ((error as { name?: string }).name === 'CredentialsProviderError') throw error;
    if (unreachable(error))
      throw new EngineError('aws-unreachable', `spa doctor could not reach AWS (check ${id})`, {
        source: 'system',
        cause: error,
        hint: 'check the network, a proxy, and AWS_ENDPOINT_URL if set, then run spa doctor again',
      });
    const e = error as { name?: string; message?: string };
    return missing(
      id,
      `cannot read it: ${e.name ?? 'Error'}: ${e.message ?? ''}`,
      'give the credentials read access',
    );
  }
}

async function organizationCheck(p: ManagementProbe, input: DoctorInput): Promise<DoctorCheck> {
  const org = await p.organization();
  if (org.managementAccountId !== input.managementAccountId)
    return missing(
      'organization',
      `these credentials reach the organization of ${org.managementAccountId}, not ${input.managementAccountId}`,
      'run spa doctor with credentials of the management account of aws.managementAccountId',
    );
  if (org.featureSet !== 'ALL')
    return missing(
      'organization',
      `${org.id} has only consolidated billing`,
      'enable all features of AWS Organizations',
      true,
    );
  return ok('organization', `${org.id}, all features, management account ${org.managementAccountId}`);
}

async function trailCheck(p: ManagementProbe): Promise<DoctorCheck> {
  const trails = await p.trails();
  const good = trails.find((t) => t.organization && t.multiRegion && t.logging);
  if (good) return ok('organization-trail', `trail ${good.name} logs every account and region`);
  const stopped = trails.find((t) => t.organization && !t.logging);
  return missing(
    'organization-trail',
    stopped
      ? `the organization trail ${stopped.name} is not logging: Organizations events never reach the runtime`
      : 'no organization trail: Organizations events (account created, moved, tagged) never reach the runtime',
    stopped
      ? `aws cloudtrail start-logging --name ${stopped.name}`
      : 'in the management account: aws cloudtrail create-trail --name spa-organization --s3-bucket-name BUCKET --is-organization-trail --is-multi-region-trail, then aws cloudtrail start-logging --name spa-organization',
    true,
  );
}

async function trustedAccessCheck(p: ManagementProbe): Promise<DoctorCheck> {
  if ((await p.trustedServices()).includes(STACKSETS_PRINCIPAL))
    return ok('stacksets-trusted-access', 'CloudFormation StackSets has trusted access to the organization');
  return missing(
    'stacksets-trusted-access',
    'CloudFormation StackSets has no trusted access: the member accounts get no build projects nor roles',
    'CloudFormation console, StackSets, "Activate trusted access" (or aws organizations enable-aws-service-access --service-principal ' +
      `${STACKSETS_PRINCIPAL}), then deploy again`,
    true,
  );
}

function stackCheck(id: string, name: string, status: string | undefined, where: string): DoctorCheck {
  if (status && HEALTHY.test(status) && !/ROLLBACK/.test(status))
    return ok(id, `stack ${name} (${where}): ${status}`);
  return missing(
    id,
    status ? `stack ${name} (${where}) is ${status}` : `no stack ${name} in ${where}`,
    DEPLOY,
  );
}

function ruleCheck(
  p: ManagementProbe,
  id: string,
  name: string,
  region: string,
  bus: string | undefined,
): NamedCheck {
  return {
    id,
    run: async () => {
      const targets = await p.ruleTargets(name, region);
      if (targets && bus && targets.includes(bus))
        return ok(id, `rule ${name} (${region}) forwards to ${bus}`);
      const what = targets
        ? `rule ${name} (${region}) does not forward to the central bus`
        : `no rule ${name} in ${region}`;
      return missing(id, what, DEPLOY);
    },
  };
}

function rolesCheck(p: ManagementProbe, roles: string[]): NamedCheck {
  return {
    id: 'roles',
    run: async () => {
      const absent = [];
      for (const role of roles) if (!(await p.roleExists(role))) absent.push(role);
      return absent.length === 0
        ? ok('roles', `roles ${roles.join(', ')}`)
        : missing('roles', `no role ${absent.join(', ')} in the management account`, DEPLOY);
    },
  };
}

function stackSetCheck(p: ManagementProbe, name: string): NamedCheck {
  return {
    id: 'member-stack-set',
    run: async () => {
      const status = await p.stackSetStatus(name);
      if (status === 'ACTIVE') return ok('member-stack-set', `StackSet ${name} is ACTIVE`);
      return missing(
        'member-stack-set',
        status ? `StackSet ${name} is ${status}` : `no StackSet ${name}`,
        DEPLOY,
      );
    },
  };
}

/** The checks of the management account, in the order a deployment goes. */
export function managementChecks(p: ManagementProbe, input: DoctorInput): NamedCheck[] {
  const names = runtimeNames(input.environment);
  const a = input.automation;
  const bus = a ? `arn:aws:events:${a.region}:${a.account}:event-bus/default` : undefined;
  const stack = names.stacks.management;
  return [
    { id: 'organization', run: () => organizationCheck(p, input) },
    { id: 'organization-trail', run: () => trailCheck(p) },
    { id: 'stacksets-trusted-access', run: () => trustedAccessCheck(p) },
    costAllocationTagCheck(p, input.costCenterTag),
    {
      id: 'management-stack',
      run: async () =>
        stackCheck('management-stack', stack, await p.stackStatus(stack, 'us-east-1'), 'us-east-1'),
    },
    ruleCheck(p, 'organizations-forwarding', `${input.environment}-forward-organizations`, 'us-east-1', bus),
    ...(input.identityCenterRegion
      ? [
          ruleCheck(
            p,
            'sign-in-forwarding',
            `${input.environment}-forward-sign-in`,
            input.identityCenterRegion,
            bus,
          ),
        ]
      : []),
    rolesCheck(p, [
      names.managementRole,
      ...(input.githubRepository ? [names.planRole, names.applyRole] : []),
    ]),
    stackSetCheck(p, names.stacks.members),
  ];
}

function secretsCheck(p: AutomationProbe, secrets: string[]): NamedCheck {
  return {
    id: 'secrets',
    run: async () => {
      const without: string[] = [];
      for (const name of secrets) {
        const has = await p.secretHasValue(name);
        if (has !== true) without.push(has === undefined ? `${name} (absent)` : name);
      }
      if (without.length === 0) return ok('secrets', `every secret has a value: ${secrets.join(', ')}`);
      return missing(
        'secrets',
        `no value in ${without.join(', ')}`,
        'aws secretsmanager put-secret-value --secret-id NAME --secret-string VALUE (infra/README.md, "Deploy the runtime")',
      );
    },
  };
}

function publishedCheck(p: AutomationProbe, bucket: string | undefined): NamedCheck {
  return {
    id: 'published-settings',
    run: async () => {
      if (!bucket)
        return missing('published-settings', 'settings.yaml gives no runtime.bucket', 'add runtime.bucket');
      if (await p.objectExists(bucket, SETTINGS_KEY))
        return ok('published-settings', `s3://${bucket}/${SETTINGS_KEY} is there`);
      return missing(
        'published-settings',
        `nothing published to s3://${bucket}/${SETTINGS_KEY}: the Lambdas have no settings`,
        'spa publish (the apply workflow runs it after each apply)',
      );
    },
  };
}

function lockCheck(input: DoctorInput, table: string): NamedCheck {
  const a = input.automation;
  return {
    id: 'apply-lock',
    run: () =>
      Promise.resolve<DoctorCheck>(
        input.applyLockTable
          ? ok('apply-lock', `applies lock in ${input.applyLockTable}`)
          : {
              id: 'apply-lock',
              status: 'warning',
              summary: 'runtime.applyLockTable is not set: two applies on two machines are not kept apart',
              fix: `set runtime.applyLockTable: arn:aws:dynamodb:${a?.region ?? 'REGION'}:${a?.account ?? 'ACCOUNT'}:table/${table}`,
            },
      ),
  };
}

/** The checks of the automation account. */
export function automationChecks(p: AutomationProbe, input: DoctorInput): NamedCheck[] {
  const names = runtimeNames(input.environment);
  const region = input.automation?.region ?? '';
  const stack = names.stacks.automation;
  return [
    {
      id: 'automation-stack',
      run: async () => stackCheck('automation-stack', stack, await p.stackStatus(stack), region),
    },
    publishedCheck(p, input.bucket),
    secretsCheck(p, [...new Set([...input.secretNames, names.githubAppSecret])].sort()),
    lockCheck(input, names.applyLockTable),
  ];
}

/** Runs checks one after the other (their reads are few); AWS unreachable stops them with exit 3. */
export async function runChecks(checks: NamedCheck[]): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  for (const check of checks) out.push(await guarded(check.id, check.run));
  return out;
}
