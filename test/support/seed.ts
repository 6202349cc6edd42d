import {
  AccountClient,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
  type AlternateContactType,
} from '@aws-sdk/client-account';
import {
  BudgetsClient,
  CreateBudgetCommand,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
} from '@aws-sdk/client-budgets';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  DescribeOrganizationalUnitCommand,
  DescribePolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListPoliciesCommand,
  ListTargetsForPolicyCommand,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';

export type Tags = Record<string, string>;

/** Clients of one management account of the emulator (moto isolates accounts by the credentials of AssumeRole). */
export interface TestAws {
  endpoint: string;
  managementAccountId: string;
  credentials: AwsCredentialIdentity;
  organizations: OrganizationsClient;
  budgets: BudgetsClient;
  account: AccountClient;
}

export async function testAws(endpoint: string, managementAccountId: string): Promise<TestAws> {
  const base = {
    endpoint,
    region: 'us-east-1',
    maxAttempts: 3,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const out = await new STSClient(base).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${managementAccountId}:role/SpaTestSeed`,
      RoleSessionName: 'seed',
    }),
  );
  const credentials = {
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken!,
  };
  return {
    endpoint,
    managementAccountId,
    credentials,
    organizations: new OrganizationsClient({ ...base, credentials }),
    budgets: new BudgetsClient({ ...base, credentials }),
    account: new AccountClient({ ...base, credentials }),
  };
}

/** The environment the CLI needs to reach the emulator as a management account, with fast retries. */
export function cliEnv(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SPA_AWS_RETRY_BASE_MS: '2',
    SPA_AWS_RETRY_MAX_MS: '50',
    SPA_CREATE_POLL_MS: '5',
    SPA_GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567',
    ...extra,
  };
}

export interface SeedAccount {
  name: string;
  email: string;
  /** OU path; '' is the root. */
  ou: string;
  tags?: Tags;
  closed?: boolean;
}

export interface SeedSpec {
  ous?: string[];
  ouTags?: Record<string, Tags>;
  accounts?: SeedAccount[];
  /**
   * What the organization has enabled, as organizations that use SPA do (default: both): the
   * SERVICE_CONTROL_POLICY type on the root, and trusted access for AWS Account Management.
   */
  enabled?: { serviceControlPolicies?: boolean; accountManagement?: boolean };
}

export interface Seeded {
  rootId: string;
  ouIds: Map<string, string>;
  accountIds: Map<string, string>;
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Creates an organization as a test needs it: OUs (parents first), accounts in place, with tags. */
export async function seedOrganization(aws: TestAws, spec: SeedSpec): Promise<Seeded> {
  const org = aws.organizations;
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  if (spec.enabled?.serviceControlPolicies !== false)
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  if (spec.enabled?.accountManagement !== false)
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }));
  const ouIds = new Map<string, string>([['', rootId]]);
  const paths = [...(spec.ous ?? [])].sort((a, b) => a.split('/').length - b.split('/').length);
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const parent = ouIds.get(slash < 0 ? '' : path.slice(0, slash))!;
    const tags = spec.ouTags?.[path];
    const ou = await org.send(
      new CreateOrganizationalUnitCommand({
        ParentId: parent,
        Name: path.slice(slash + 1),
        ...(tags ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
      }),
    );
    ouIds.set(path, ou.OrganizationalUnit!.Id!);
  }
  const accountIds = new Map<string, string>();
  await pool(spec.accounts ?? [], 8, async (a) => {
    const created = await org.send(
      new CreateAccountCommand({
        Email: a.email,
        AccountName: a.name,
        ...(a.tags && Object.keys(a.tags).length
          ? { Tags: Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value })) }
          : {}),
      }),
    );
    const id = created.CreateAccountStatus!.AccountId!;
    accountIds.set(a.email.toLowerCase(), id);
    if (a.ou)
      await org.send(
        new MoveAccountCommand({
          AccountId: id,
          SourceParentId: rootId,
          DestinationParentId: ouIds.get(a.ou)!,
        }),
      );
    if (a.closed) await org.send(new CloseAccountCommand({ AccountId: id }));
  });
  return { rootId, ouIds, accountIds };
}

export async function tagAccount(aws: TestAws, id: string, tags: Tags): Promise<void> {
  await aws.organizations.send(
    new TagResourceCommand({
      ResourceId: id,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

export async function untagAccount(aws: TestAws, id: string, keys: string[]): Promise<void> {
  await aws.organizations.send(new UntagResourceCommand({ ResourceId: id, TagKeys: keys }));
}

export async function createBudgetDirectly(
  aws: TestAws,
  name: string,
  accountId: string,
  amount: number,
  thresholds: number[],
  subscribers: string[],
): Promise<void> {
  await aws.budgets.send(
    new CreateBudgetCommand({
      AccountId: aws.managementAccountId,
      Budget: {
        BudgetName: name,
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: String(amount), Unit: 'USD' },
        CostFilters: { LinkedAccount: [accountId] },
      },
      NotificationsWithSubscribers: thresholds.map((t) => ({
        Notification: {
          NotificationType: 'ACTUAL',
          ComparisonOperator: 'GREATER_THAN',
          Threshold: t,
          ThresholdType: 'PERCENTAGE',
        },
        Subscribers: subscribers.map((s) => ({
          SubscriptionType: s.startsWith('arn:') ? 'SNS' : 'EMAIL',
          Address: s,
        })),
      })),
    }),
  );
}

export interface ReadPolicy {
  id: string;
  name: string;
  description: string;
  content: string;
  tags: Tags;
  /** Where it is attached: OU paths ('' for the root) and account ids. */
  targets: string[];
}

/** The path of a root or OU id, read through the SDK ('' for the root). */
function ouPaths(org: OrganizationsClient): (id: string) => Promise<string> {
  const known = new Map<string, string>();
  const pathOf = async (id: string): Promise<string> => {
    if (id.startsWith('r-')) return '';
    if (known.has(id)) return known.get(id)!;
    const ou = (await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id })))
      .OrganizationalUnit!;
    const parent = (await org.send(new ListParentsCommand({ ChildId: id }))).Parents![0]!.Id!;
    const parentPath = await pathOf(parent);
    const path = parentPath ? `${parentPath}/${ou.Name}` : ou.Name!;
    known.set(id, path);
    return path;
  };
  return pathOf;
}

/** The service control policies of the organization, read directly through the SDK (FullAWSAccess included). */
export async function readPolicies(aws: TestAws): Promise<ReadPolicy[]> {
  const org = aws.organizations;
  const pathOf = ouPaths(org);
  const list = (await org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? [];
  const out: ReadPolicy[] = [];
  for (const p of list) {
    const doc = (await org.send(new DescribePolicyCommand({ PolicyId: p.Id! }))).Policy!;
    const tags = (await org.send(new ListTagsForResourceCommand({ ResourceId: p.Id! }))).Tags ?? [];
    const targets = (await org.send(new ListTargetsForPolicyCommand({ PolicyId: p.Id! }))).Targets ?? [];
    out.push({
      id: p.Id!,
      name: p.Name!,
      description: doc.PolicySummary!.Description ?? '',
      content: doc.Content!,
      tags: Object.fromEntries(tags.map((t) => [t.Key!, t.Value!])),
      targets: (
        await Promise.all(
          targets.map((t) => (t.Type === 'ACCOUNT' ? Promise.resolve(t.TargetId!) : pathOf(t.TargetId!))),
        )
      ).sort(),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface ReadBack {
  accounts: { id: string; name: string; email: string; status: string; parentPath: string; tags: Tags }[];
  budgets: { name: string; amount: number; thresholds: number[] }[];
}

/** What AWS holds, read directly through the SDK: tests check this, never the engine's own report. */
export async function readBack(aws: TestAws): Promise<ReadBack> {
  const org = aws.organizations;
  const accounts: ReadBack['accounts'] = [];
  const ouPath = ouPaths(org);
  let token: string | undefined;
  const all = [];
  do {
    const page = await org.send(new ListAccountsCommand({ NextToken: token }));
    all.push(...(page.Accounts ?? []));
    token = page.NextToken;
  } while (token);
  for (const a of all) {
    const parent = (await org.send(new ListParentsCommand({ ChildId: a.Id! }))).Parents![0]!.Id!;
    const tags = Object.fromEntries(
      ((await org.send(new ListTagsForResourceCommand({ ResourceId: a.Id! }))).Tags ?? []).map((t) => [
        t.Key!,
        t.Value!,
      ]),
    );
    accounts.push({
      id: a.Id!,
      name: a.Name!,
      email: a.Email!.toLowerCase(),
      status: String(a.State ?? a.Status),
      parentPath: await ouPath(parent),
      tags,
    });
  }
  const budgets: ReadBack['budgets'] = [];
  const list = [];
  let next: string | undefined;
  do {
    const page = await aws.budgets.send(
      new DescribeBudgetsCommand({ AccountId: aws.managementAccountId, NextToken: next }),
    );
    list.push(...(page.Budgets ?? []));
    next = page.NextToken;
  } while (next);
  for (const b of list) {
    const n =
      (
        await aws.budgets.send(
          new DescribeNotificationsForBudgetCommand({
            AccountId: aws.managementAccountId,
            BudgetName: b.BudgetName!,
          }),
        )
      ).Notifications ?? [];
    budgets.push({
      name: b.BudgetName!,
      amount: Number(b.BudgetLimit!.Amount),
      thresholds: n.map((x) => x.Threshold!).sort((x, y) => x - y),
    });
  }
  return { accounts, budgets };
}

export interface TestContact {
  name: string;
  title: string;
  email: string;
  phone: string;
}

/** Writes an alternate contact directly, as someone in the AWS console would. */
export async function putContactDirectly(
  aws: TestAws,
  accountId: string,
  type: string,
  c: TestContact,
): Promise<void> {
  await aws.account.send(
    new PutAlternateContactCommand({
      AccountId: accountId,
      AlternateContactType: type.toUpperCase() as AlternateContactType,
      Name: c.name,
      Title: c.title,
      EmailAddress: c.email,
      PhoneNumber: c.phone,
    }),
  );
}

/** The alternate contacts of an account, read directly through the SDK (types it has none of are left out). */
export async function readContacts(aws: TestAws, accountId: string): Promise<Record<string, TestContact>> {
  const out: Record<string, TestContact> = {};
  for (const type of ['billing', 'operations', 'security']) {
    try {
      const c = (
        await aws.account.send(
          new GetAlternateContactCommand({
            AccountId: accountId,
            AlternateContactType: type.toUpperCase() as AlternateContactType,
          }),
        )
      ).AlternateContact!;
      out[type] = { name: c.Name!, title: c.Title!, email: c.EmailAddress!, phone: c.PhoneNumber! };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    }
  }
  return out;
}
