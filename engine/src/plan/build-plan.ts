import { reservedTagKeys } from '../config/resolve-settings.js';
import { effectiveSettingsOf, MAX_TAGS, mergeCsvGroups } from '../desired/effective.js';
import { isManagedOu } from '../desired/ou-tree.js';
import type { AccountEntry, CsvAccountRows, SettingsModel } from '../domain/model.js';
import type { ObservedAccount, ObservedBudget, ObservedOrganization } from '../observed/types.js';
import { planClose, planExistingAccount, planNewAccount, type ManagedAccount } from './account-changes.js';
import type { PlanContext } from './context.js';
import { planDigest } from './digest.js';
import { planOus } from './ou-changes.js';
import { tagsAfter } from './tags-diff.js';
import { ACTION_ORDER, PLAN_VERSION, type Change, type Finding, type Plan } from './types.js';

export interface PlanInput {
  model: SettingsModel;
  observed: ObservedOrganization;
  budgets: Map<string, ObservedBudget>;
  git: { commit: string | null; settingsDigest: string };
  now: Date;
}

/** AWS lets an organization close 10% of its member accounts per 30 days, at least 10 and at most 1,000. */
export function closeQuota(memberAccounts: number): number {
  return Math.min(1000, Math.max(10, Math.floor(memberAccounts * 0.1)));
}

/** Diffs the settings against the organization: the plan, as data. Pure: reads nothing, decides everything. */
export function buildPlan(input: PlanInput): Plan {
  const { model, observed } = input;
  const settings = model.settings.resolved;
  const ctx: PlanContext = {
    settings,
    settingsFile: model.settings.file,
    reserved: reservedTagKeys(settings),
    observed,
    budgets: input.budgets,
    changes: [],
    findings: [],
  };
  const ouChanges = planOus(ctx, model.ous);
  const byId = new Map(observed.accounts.map((a) => [a.id, a]));
  const byEmail = new Map(observed.accounts.map((a) => [a.email, a]));
  const usedCsv = new Set<CsvAccountRows>();
  const handled = new Set<string>();
  let managedCount = 0;

  const csvIndex = new Map<string, CsvAccountRows[]>();
  for (const g of model.csv) {
    const key = g.accountFile !== undefined ? `file:${g.accountFile}` : `${g.kind}:${g.account}`;
    csvIndex.set(key, [...(csvIndex.get(key) ?? []), g]);
  }
  const csvFor = (
    entry: AccountEntry | undefined,
    obs: ObservedAccount | undefined,
  ): CsvAccountRows | undefined => {
    const groups = [
      ...(entry ? (csvIndex.get(`file:${entry.file}`) ?? []) : []),
      ...(obs
        ? [...(csvIndex.get(`id:${obs.id}`) ?? []), ...(csvIndex.get(`email:${obs.email}`) ?? [])]
        : []),
    ];
    groups.forEach((g) => usedCsv.add(g));
    const merged = mergeCsvGroups(groups);
    for (const conflict of merged.conflicts) {
      const [a, b] = conflict.values as [
        { value: string; file: string; line: number },
        { value: string; file: string; line: number },
      ];
      ctx.findings.push({
        kind: 'csv-conflict',
        severity: 'error',
        message: `CSV rows give ${conflict.key} = "${a.value}" (${a.file}:${a.line}) and "${b.value}" (${b.file}:${b.line}) for account ${obs?.id ?? entry?.value.name}`,
        file: b.file,
        line: b.line,
        ...(obs ? { accountId: obs.id } : {}),
      });
    }
    return merged.rows;
  };

  // Accounts with a file: matched by id when given, else by email.
  for (const entry of model.accounts) {
    const file = entry.value;
    const email = file.email.toLowerCase();
    const address = `account/${file.name}`;
    let obs: ObservedAccount | undefined;
    if (file.id !== undefined) {
      obs = byId.get(file.id);
      const other = byEmail.get(email);
      if (!obs) {
        ctx.findings.push(
          file.closed
            ? {
                kind: 'closed-not-found',
                severity: 'info',
                address,
                file: entry.file,
                message: `${file.name} is closed in git and account ${file.id} is not in the organization`,
              }
            : {
                kind: 'id-not-found',
                severity: 'error',
                address,
                file: entry.file,
                message: `no account of the organization has the id ${file.id} of ${entry.file}; an account cannot be created with a given id: remove the id to create a new account, or correct it`,
              },
        );
        continue;
      }
      if (obs.email !== email) {
        ctx.findings.push(
          other
            ? {
                kind: 'ambiguous-match',
                severity: 'error',
                address,
                accountId: obs.id,
                file: entry.file,
                message: `${entry.file} matches two accounts: ${obs.id} by id and ${other.id} by email ${email}`,
              }
            : {
                kind: 'email-mismatch',
                severity: 'error',
                address,
                accountId: obs.id,
                file: entry.file,
                message: `account ${obs.id} has the email ${obs.email} in AWS but ${email} in ${entry.file}; correct the file (an account's email is changed in the AWS console)`,
              },
        );
        handled.add(obs.id);
        continue;
      }
    } else {
      obs = byEmail.get(email);
    }
    if (obs) handled.add(obs.id);
    const csv = csvFor(entry, obs);
    const settingsOf = effectiveSettingsOf(model, { account: entry, csv });
    const account: ManagedAccount = {
      address,
      name: file.name,
      email,
      file: entry.file,
      settings: settingsOf,
      byFile: true,
    };
    const ouChange = settingsOf.organizationalUnit
      ? ouChanges.get(settingsOf.organizationalUnit.value)
      : undefined;
    if (ouChange) account.ouChange = ouChange;
    if (!obs) {
      if (file.closed) {
        ctx.findings.push({
          kind: 'closed-not-found',
          severity: 'info',
          address,
          file: entry.file,
          message: `${file.name} is closed in git and no account has the email ${email}: nothing to do`,
        });
      } else if (observed.creationsInProgress.includes(file.name)) {
        ctx.findings.push({
          kind: 'creation-in-progress',
          severity: 'info',
          address,
          file: entry.file,
          message: `the creation of ${file.name} is in progress in AWS; run the plan again once it completes`,
        });
      } else {
        managedCount++;
        planNewAccount(ctx, account);
      }
      continue;
    }
    account.observed = obs;
    if (obs.name !== file.name) {
      ctx.findings.push({
        kind: 'name-mismatch',
        severity: 'warning',
        address,
        accountId: obs.id,
        file: entry.file,
        message: `account ${obs.id} is named "${obs.name}" in AWS and "${file.name}" in git; names are not changed by the engine (rename it in the AWS console, or rename the file)`,
      });
    }
    if (obs.status !== 'ACTIVE') {
      if (!file.closed) {
        ctx.findings.push({
          kind: 'closed-in-aws',
          severity: 'warning',
          address,
          accountId: obs.id,
          file: entry.file,
          message: `account ${obs.id} is ${obs.status} in AWS: set "closed: true" in ${entry.file}, or delete the file`,
        });
      }
      continue;
    }
    managedCount++;
    if (file.closed) {
      if (obs.id === observed.managementAccountId) {
        ctx.findings.push({
          kind: 'management-account',
          severity: 'error',
          address,
          accountId: obs.id,
          file: entry.file,
          message: 'the management account cannot be closed',
        });
      } else {
        planClose(ctx, { ...account, observed: obs });
      }
      continue;
    }
    planExistingAccount(ctx, { ...account, observed: obs });
  }

  // Accounts without a file.
  for (const obs of observed.accounts) {
    if (handled.has(obs.id) || obs.id === observed.managementAccountId) continue;
    if (obs.ouPath !== '' && isManagedOu(model.ous, obs.ouPath)) {
      if (obs.status !== 'ACTIVE') continue;
      managedCount++;
      const csv = csvFor(undefined, obs);
      const account: ManagedAccount = {
        address: `account/${obs.id}`,
        name: obs.name,
        email: obs.email,
        settings: effectiveSettingsOf(model, { organizationalUnit: obs.ouPath, csv }),
        observed: obs,
        byFile: false,
      };
      ctx.findings.push({
        kind: 'managed-through-ou',
        severity: 'info',
        address: account.address,
        accountId: obs.id,
        message: `${obs.name} (${obs.id}, ${obs.email}) has no file and is managed through its OU ${obs.ouPath}`,
      });
      planExistingAccount(ctx, { ...account, observed: obs });
    } else if (obs.tags[ctx.reserved.state] !== undefined || obs.tags[ctx.reserved.holder] !== undefined) {
      ctx.findings.push({
        kind: 'no-longer-managed',
        severity: 'warning',
        address: `account/${obs.id}`,
        accountId: obs.id,
        message: `${obs.name} (${obs.id}) carries SPA tags but has no file and is not below a managed OU (it is in ${obs.ouPath || 'the root'}); the engine leaves it alone`,
      });
    }
  }

  for (const group of model.csv) {
    if (usedCsv.has(group)) continue;
    ctx.findings.push({
      kind: 'csv-unmatched',
      severity: 'error',
      file: group.source.file,
      line: group.source.line,
      message: `the CSV row for ${group.kind} ${group.account} matches no managed account: no account file names it and no account below a managed OU has it`,
    });
  }

  checkTagCounts(ctx);
  deferClosesBeyondQuota(ctx);
  const changes = ctx.changes.sort(
    (a, b) =>
      ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
      (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
  const findings = ctx.findings.sort(
    (a, b) =>
      severityRank(a) - severityRank(b) ||
      a.kind.localeCompare(b.kind) ||
      (a.address ?? '').localeCompare(b.address ?? ''),
  );
  const touched = new Set(
    changes
      .filter((c) => c.target.kind !== 'ou')
      .map((c) => c.target.accountId ?? c.target.email ?? c.address),
  );
  const byAction: Record<string, number> = {};
  for (const c of changes) byAction[c.action] = (byAction[c.action] ?? 0) + 1;
  const share = settings.tagPolicy.largePlanShare;
  const reasons: string[] = [];
  const closes = byAction['close-account'] ?? 0;
  if (closes > 0) reasons.push(`closes ${closes} account${closes === 1 ? '' : 's'}`);
  if (managedCount > 0 && (touched.size / managedCount) * 100 > share) {
    reasons.push(
      `touches ${touched.size} of ${managedCount} managed accounts (${((touched.size / managedCount) * 100).toFixed(0)}%, more than ${share}%)`,
    );
  }
  return {
    version: PLAN_VERSION,
    kind: 'spa-plan',
    environment: settings.environment,
    organizationId: observed.organizationId,
    managementAccountId: observed.managementAccountId,
    createdAt: input.now.toISOString(),
    git: input.git,
    digest: planDigest(changes),
    summary: {
      changes: changes.length,
      byAction,
      touchedAccounts: touched.size,
      managedAccounts: managedCount,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
    large: { isLarge: reasons.length > 0, reasons, sharePercent: share },
    changes,
    findings,
  };
}

function severityRank(f: Finding): number {
  return f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2;
}

/** AWS refuses more than 50 tags on an account: what the plan would leave is checked before anything runs. */
function checkTagCounts(ctx: PlanContext): void {
  const byAccount = new Map(ctx.observed.accounts.map((a) => [a.id, a]));
  for (const change of ctx.changes) {
    let tags: Record<string, string> | undefined;
    if (change.action === 'tag-account' && change.target.accountId) {
      const obs = byAccount.get(change.target.accountId);
      if (!obs) continue;
      const after = change.after?.tags ?? {};
      tags = tagsAfter(obs.tags, { before: {}, after, provenance: {} });
      if (obs.tags[ctx.reserved.state] === undefined) tags[ctx.reserved.state] = 'vanilla';
    } else if (change.action === 'create-account') {
      tags = { ...(change.after?.tags as Record<string, string>), [ctx.reserved.state]: 'vanilla' };
    }
    if (tags && Object.keys(tags).length > MAX_TAGS) {
      ctx.findings.push({
        kind: 'too-many-tags',
        severity: 'error',
        address: change.address,
        ...(change.target.accountId ? { accountId: change.target.accountId } : {}),
        ...(change.target.file ? { file: change.target.file } : {}),
        message: `${change.target.name} would carry ${Object.keys(tags).length} tags, more than the ${MAX_TAGS} AWS allows; unset some (spa explain shows where each comes from)`,
      });
    }
  }
}

function deferClosesBeyondQuota(ctx: PlanContext): void {
  const members = ctx.observed.accounts.filter(
    (a) => a.id !== ctx.observed.managementAccountId && a.status === 'ACTIVE',
  ).length;
  const quota = closeQuota(members);
  const closes = ctx.changes
    .filter((c) => c.action === 'close-account')
    .sort((a, b) => (a.address < b.address ? -1 : 1));
  if (closes.length <= quota) return;
  const deferred = new Set<Change>(closes.slice(quota));
  ctx.changes = ctx.changes.filter((c) => !deferred.has(c));
  for (const c of deferred) {
    ctx.findings.push({
      kind: 'close-deferred',
      severity: 'warning',
      address: c.address,
      ...(c.target.accountId ? { accountId: c.target.accountId } : {}),
      message: `closing ${c.target.name} waits for a later run: AWS closes at most ${quota} accounts of this organization per 30 days`,
    });
  }
}
