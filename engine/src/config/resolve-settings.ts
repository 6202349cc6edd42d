import type { Settings } from '../domain/generated/types.js';
import { durationSeconds } from '../domain/duration.js';
import type { ResolvedRuntime, ResolvedSettings } from '../domain/model.js';
import { reservedTags, type ReservedTags } from '../domain/names.js';

/** Defaults of settings.yaml; a test checks that they equal the `default`s written in schemas/settings.schema.json. */
export const SETTINGS_DEFAULTS = {
  memberRoleName: 'SpaBuildStarter',
  tagPrefix: 'account-',
  tagMode: 'additive',
  largePlanShare: 20,
  costCenterTag: 'cost-center',
  accountNames: 'reconcile',
  maxConcurrentBuilds: 10,
  transactionTimeout: '3h',
  timezone: 'UTC',
  costExplorerCallsPerDay: 200,
  moversThreshold: 10,
  costMetric: 'UnblendedCost',
  residualCostThreshold: 1,
} as const;

export function resolveSettings(s: Settings): ResolvedSettings {
  const resolved: ResolvedSettings = {
    environment: s.environment,
    aws: {
      region: s.aws.region,
      managementAccountId: s.aws.managementAccountId,
      memberRoleName: s.aws.memberRoleName ?? SETTINGS_DEFAULTS.memberRoleName,
    },
    tagPolicy: {
      prefix: s.tagPolicy?.prefix ?? SETTINGS_DEFAULTS.tagPrefix,
      mode: s.tagPolicy?.mode ?? SETTINGS_DEFAULTS.tagMode,
      ignore: s.tagPolicy?.ignore ?? [],
      largePlanShare: s.tagPolicy?.largePlanShare ?? SETTINGS_DEFAULTS.largePlanShare,
    },
    accountNames: s.accountNames ?? SETTINGS_DEFAULTS.accountNames,
    defaults: s.defaults ?? {},
    budgets: s.budgets?.alertTopicArn ? { alertTopicArn: s.budgets.alertTopicArn } : {},
    reporting: {
      costCenterTag: s.reporting?.costCenterTag ?? SETTINGS_DEFAULTS.costCenterTag,
      currencies: s.reporting?.currencies ?? [],
      includeCredits: s.reporting?.includeCredits ?? false,
      costExplorerCallsPerDay:
        s.reporting?.costExplorerCallsPerDay ?? SETTINGS_DEFAULTS.costExplorerCallsPerDay,
      moversThreshold: s.reporting?.moversThreshold ?? SETTINGS_DEFAULTS.moversThreshold,
      costMetric: s.reporting?.costMetric ?? SETTINGS_DEFAULTS.costMetric,
      residualCostThreshold: s.reporting?.residualCostThreshold ?? SETTINGS_DEFAULTS.residualCostThreshold,
    },
    notifications: s.notifications ?? {},
    githubLogins: Object.fromEntries(
      Object.entries(s.githubLogins ?? {}).map(([email, login]) => [email.toLowerCase(), login]),
    ),
    github: {
      ...(s.github?.repository ? { repository: s.github.repository } : {}),
      ...(s.github?.appSecret ? { appSecret: s.github.appSecret } : {}),
    },
    runtime: resolveRuntime(s),
  };
  if (s.aws.managementRoleArn) resolved.aws.managementRoleArn = s.aws.managementRoleArn;
  if (s.maintenanceWindow) resolved.maintenanceWindow = s.maintenanceWindow;
  return resolved;
}

function resolveRuntime(s: Settings): ResolvedRuntime {
  const r = s.runtime ?? {};
  const transactionTimeout = r.transactionTimeout ?? SETTINGS_DEFAULTS.transactionTimeout;
  const out: ResolvedRuntime = {
    region: r.region ?? s.aws.region,
    maxConcurrentBuilds: r.maxConcurrentBuilds ?? SETTINGS_DEFAULTS.maxConcurrentBuilds,
    transactionTimeout,
    // The schema's pattern guarantees a duration; the default stands in for a value it would have refused.
    transactionTimeoutSeconds: durationSeconds(transactionTimeout) ?? 3 * 3600,
    timezone: r.timezone ?? SETTINGS_DEFAULTS.timezone,
  };
  if (r.applyLockTable) out.applyLockTable = r.applyLockTable;
  if (r.account) out.account = r.account;
  if (r.bucket) out.bucket = r.bucket;
  return out;
}

/** The tag keys owned by the lifecycle and by `holder` under this settings' prefix: never set through `tags`. */
export function reservedTagKeys(settings: Pick<ResolvedSettings, 'tagPolicy'>): ReservedTags {
  return reservedTags(settings.tagPolicy.prefix);
}
