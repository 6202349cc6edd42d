import type { ManagedAccount } from '../changes/managed-account.js';
import { planAccountName } from '../changes/rename-account.js';
import type { CsvRowsData, DesiredAccount } from '../desired/types.js';
import type { ObservedAccount } from '../observed/types.js';
import { planCloseAccount, planExistingAccount, planNewAccount } from './account-plans.js';
import type { PlanContext } from '../changes/context.js';
import { settingsAtPlan } from './csv-use.js';
import type { Finding } from './types.js';

export interface Matching {
  byId: Map<string, ObservedAccount>;
  byEmail: Map<string, ObservedAccount>;
  /** AWS accounts that an account file claims. */
  handled: Set<string>;
  usedCsv: Set<CsvRowsData>;
  ouChanges: Map<string, string>;
  managed: number;
}

function finding(file: DesiredAccount, f: Omit<Finding, 'address' | 'file'>): Finding {
  return { ...f, address: `account/${file.name}`, file: file.file };
}

/** The AWS account of a file: by id when it gives one, else by email; or a finding that blocks it. */
function match(ctx: PlanContext, m: Matching, file: DesiredAccount): ObservedAccount | 'none' | 'blocked' {
  if (file.id === undefined) return m.byEmail.get(file.email) ?? 'none';
  const obs = m.byId.get(file.id);
  if (!obs) {
    ctx.findings.push(
      file.settings.closed.value
        ? finding(file, {
            kind: 'closed-not-found',
            severity: 'info',
            message: `${file.name} is closed in git and account ${file.id} is not in the organization`,
          })
        : finding(file, {
            kind: 'id-not-found',
            severity: 'error',
            message: `no account of the organization has the id ${file.id} of ${file.file}; an account cannot be created with a given id: remove the id to create a new account, or correct it`,
          }),
    );
    return 'blocked';
  }
  if (obs.email === file.email) return obs;
  const other = m.byEmail.get(file.email);
  ctx.findings.push(
    other
      ? finding(file, {
          kind: 'ambiguous-match',
          severity: 'error',
          accountId: obs.id,
          message: `${file.file} matches two accounts: ${obs.id} by id and ${other.id} by email ${file.email}`,
        })
      : finding(file, {
          kind: 'email-mismatch',
          severity: 'error',
          accountId: obs.id,
          message: `account ${obs.id} has the email ${obs.email} in AWS but ${file.email} in ${file.file}; correct the file (an account's email is changed in the AWS console)`,
        }),
  );
  m.handled.add(obs.id);
  return 'blocked';
}

function planMissing(ctx: PlanContext, m: Matching, file: DesiredAccount, account: ManagedAccount): void {
  if (file.settings.closed.value) {
    ctx.findings.push(
      finding(file, {
        kind: 'closed-not-found',
        severity: 'info',
        message: `${file.name} is closed in git and no account has the email ${file.email}: nothing to do`,
      }),
    );
  } else if (ctx.observed.creationsInProgress.includes(file.name)) {
    ctx.findings.push(
      finding(file, {
        kind: 'creation-in-progress',
        severity: 'info',
        message: `the creation of ${file.name} is in progress in AWS; run the plan again once it completes`,
      }),
    );
  } else {
    m.managed++;
    planNewAccount(ctx, account);
  }
}

function planFound(
  ctx: PlanContext,
  m: Matching,
  file: DesiredAccount,
  account: ManagedAccount & { observed: ObservedAccount },
): void {
  const obs = account.observed;
  planAccountName(ctx, file, account);
  if (obs.status !== 'ACTIVE') {
    if (!file.settings.closed.value)
      ctx.findings.push(
        finding(file, {
          kind: 'closed-in-aws',
          severity: 'warning',
          accountId: obs.id,
          message: `account ${obs.id} is ${obs.status} in AWS: set "closed: true" in ${file.file}, or delete the file`,
        }),
      );
    return;
  }
  m.managed++;
  if (!file.settings.closed.value) planExistingAccount(ctx, account);
  else if (obs.id === ctx.observed.managementAccountId)
    ctx.findings.push(
      finding(file, {
        kind: 'management-account',
        severity: 'error',
        accountId: obs.id,
        message: 'the management account cannot be closed',
      }),
    );
  else planCloseAccount(ctx, account);
}

/** Plans every account file: matched by id when given, else by email. */
export function planFileAccounts(ctx: PlanContext, m: Matching): void {
  for (const file of ctx.desired.desired.accounts) {
    const obs = match(ctx, m, file);
    if (obs === 'blocked') continue;
    if (obs !== 'none') m.handled.add(obs.id);
    const observed = obs === 'none' ? undefined : obs;
    const settings = settingsAtPlan(ctx, m.usedCsv, { file, ...(observed ? { observed } : {}) });
    const account: ManagedAccount = {
      address: `account/${file.name}`,
      name: file.name,
      email: file.email,
      file,
      settings,
    };
    const ouChange = settings.organizationalUnit
      ? m.ouChanges.get(settings.organizationalUnit.value)
      : undefined;
    if (ouChange) account.ouChange = ouChange;
    if (!observed) planMissing(ctx, m, file, account);
    else planFound(ctx, m, file, { ...account, observed });
  }
}
