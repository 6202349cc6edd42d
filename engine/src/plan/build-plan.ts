import { compareChanges } from '../changes/registry.js';
import { indexDesired } from '../desired/index-of.js';
import type { DesiredOrganization } from '../desired/types.js';
import type { ObservedBudget, ObservedOrganization, ObservedPolicies } from '../observed/types.js';
import type { ObservedAccountApi, PlanContext } from '../changes/context.js';
import { checkAccountApiAccess } from './account-api.js';
import { planDigest } from './digest.js';
import { planFileAccounts, type Matching } from './file-accounts.js';
import { checkTagCounts, deferClosesBeyondQuota, largeOf, touchedAccounts } from './guards.js';
import { planOuAccounts } from './ou-accounts.js';
import { planOus } from './ou-changes.js';
import { planPolicies } from './policy-changes.js';
import { PLAN_VERSION, type Finding, type Plan } from './types.js';

export { closeQuota } from './guards.js';

export interface PlanInput {
  desired: DesiredOrganization;
  observed: ObservedOrganization;
  budgets: Map<string, ObservedBudget>;
  /** What the Account Management API said, when the plan needed it. */
  accountApi?: ObservedAccountApi;
  /** The service control policies of the organization, as far as the settings need them. */
  policies?: ObservedPolicies;
  now: Date;
}

/** Diffs the desired organization against the observed one: the plan, as data. Pure: reads nothing. */
export function buildPlan(input: PlanInput): Plan {
  const { desired, observed } = input;
  const ctx: PlanContext = {
    desired: indexDesired(desired),
    settings: desired.settings,
    observed,
    budgets: input.budgets,
    ...(input.accountApi ? { accountApi: input.accountApi } : {}),
    ...(input.policies ? { policies: input.policies } : {}),
    changes: [],
    findings: [],
  };
  const ouChanges = planOus(ctx);
  planPolicies(ctx, ouChanges);
  const m: Matching = {
    byId: new Map(observed.accounts.map((a) => [a.id, a])),
    byEmail: new Map(observed.accounts.map((a) => [a.email, a])),
    handled: new Set(),
    usedCsv: new Set(),
    ouChanges,
    managed: 0,
  };
  planFileAccounts(ctx, m);
  planOuAccounts(ctx, m);
  const unused = [...desired.accounts.flatMap((a) => (a.csv ? [a.csv] : [])), ...desired.csvRows]
    .filter((rows) => !m.usedCsv.has(rows))
    .sort((a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line);
  for (const rows of unused) {
    ctx.findings.push({
      kind: 'csv-unmatched',
      severity: 'error',
      file: rows.source.file,
      line: rows.source.line,
      message: `the CSV row for ${rows.kind} ${rows.account} matches no managed account: no account file names it and no account below a managed OU has it`,
    });
  }
  const activeMembers = observed.accounts.filter(
    (a) => a.id !== observed.managementAccountId && a.status === 'ACTIVE',
  ).length;
  checkTagCounts(ctx);
  checkAccountApiAccess(ctx, input.accountApi);
  deferClosesBeyondQuota(ctx, activeMembers);
  return assemble(input, ctx, { managedAccounts: m.managed, activeMemberAccounts: activeMembers });
}

/** The plan from its changes and findings: summary, large-plan guard and digest. */
export function assemble(
  input: Pick<PlanInput, 'desired' | 'observed' | 'now'>,
  ctx: Pick<PlanContext, 'changes' | 'findings'>,
  guards: Plan['guards'],
): Plan {
  const { desired, observed } = input;
  const changes = ctx.changes.sort(compareChanges);
  const findings = ctx.findings.sort(
    (a, b) =>
      severityRank(a) - severityRank(b) ||
      a.kind.localeCompare(b.kind) ||
      (a.address ?? '').localeCompare(b.address ?? ''),
  );
  const byAction: Record<string, number> = {};
  for (const c of changes) byAction[c.action] = (byAction[c.action] ?? 0) + 1;
  const body = {
    version: PLAN_VERSION,
    kind: 'spa-plan' as const,
    environment: desired.environment,
    organizationId: observed.organizationId,
    managementAccountId: observed.managementAccountId,
    createdAt: input.now.toISOString(),
    git: {
      commit: desired.source.commit,
      settingsDigest: desired.source.settingsDigest,
      files: desired.source.files,
    },
    summary: {
      changes: changes.length,
      byAction,
      touchedAccounts: touchedAccounts(changes),
      managedAccounts: guards.managedAccounts,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
    guards,
    large: largeOf(changes, guards, desired.settings),
    changes,
    findings,
  };
  const { summary, guards: g, large, ...head } = body;
  return { ...head, digest: planDigest(body), summary, guards: g, large };
}

function severityRank(f: Finding): number {
  return f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2;
}
