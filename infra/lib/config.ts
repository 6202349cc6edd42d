import { resolve } from 'node:path';
import { readSettingsTree } from '../../engine/src/adapters/fs/settings-reader.js';
import type { DesiredOrganization } from '../../engine/src/desired/types.js';
import { outermostManagedPaths } from '../../engine/src/desired/member-targets.js';
import { validateSettings } from '../../engine/src/desired/validate.js';
import type { Settings } from '../../engine/src/domain/generated/types.js';
import { runtimeNames } from '../../engine/src/domain/runtime-names.js';
import { renderDiagnosticsText } from '../../engine/src/render/diagnostics.js';

/** What the CDK app deploys, read from settings.yaml and the OU files through the engine's own loader. */
export interface InfraConfig {
  environment: string;
  managementAccount: string;
  automation: { account: string; region: string };
  bucket: string;
  /** The name of the apply lock table (settings.yaml runtime.applyLockTable, else `<env>-apply-lock`). */
  applyLockTable: string;
  memberRoleName: string;
  maxConcurrentBuilds: number;
  /** Where Identity Center runs, when it is not us-east-1 (its sign-in events are forwarded from there). */
  identityCenterRegion?: string;
  /** owner/name of the settings repository, whose jobs get the plan and apply roles. */
  githubRepository?: string;
  /** The outermost managed OUs, by path: the StackSet deploys to them (and so to the OUs below). */
  managedOuPaths: string[];
  /** Every secret the settings name (webhooks), created empty: people set their values. */
  secretNames: string[];
  /** The senders of the email channels (SES identities the exceptions handler sends from). */
  emailSenders: string[];
  /** settings.yaml github.appSecret: the GitHub App's secret when it is not `<environment>/github-app`. */
  githubAppSecret?: string;
  /** settings.yaml github.oidcProviderArn: GitHub's OIDC provider that the management account has already. */
  githubOidcProviderArn?: string;
}

/** The settings are valid, or this throws with the diagnostics as `spa validate` prints them. */
export async function loadInfraConfig(dir: string): Promise<InfraConfig> {
  const root = resolve(dir);
  const validation = validateSettings(await readSettingsTree(root), { seal: true });
  if (!validation.valid || !validation.model || !validation.desired) {
    const diagnostics = validation.diagnostics.filter((d) => d.severity === 'error');
    const text = renderDiagnosticsText({
      diagnostics,
      fileCount: validation.fileCount,
      lines: validation.lines,
    });
    throw new Error(`the settings in ${root} are invalid; nothing was synthesized:\n${text}`);
  }
  return infraConfig(validation.desired, validation.model.settings.value);
}

/** The deployment's configuration, or an error that says which setting is missing or inconsistent. */
export function infraConfig(desired: DesiredOrganization, raw: Settings): InfraConfig {
  const { aws, runtime, budgets, notifications } = desired.settings;
  const problems: string[] = [];
  if (!runtime.account) problems.push('runtime.account (the automation account) is required by infra/');
  if (!runtime.bucket) problems.push('runtime.bucket (the runtime bucket) is required by infra/');
  const account = runtime.account ?? '000000000000';
  const names = runtimeNames(desired.environment);
  const applyLockTable = lockTableName(
    runtime.applyLockTable ?? names.applyLockTable,
    account,
    runtime.region,
    problems,
  );
  const topic = `arn:aws:sns:${runtime.region}:${account}:${names.budgetTopic}`;
  if (budgets.alertTopicArn && budgets.alertTopicArn !== topic)
    problems.push(`budgets.alertTopicArn is ${budgets.alertTopicArn}; the topic infra/ deploys is ${topic}`);
  if (problems.length > 0)
    throw new Error(`settings.yaml does not describe a deployable runtime:\n  ${problems.join('\n  ')}`);
  const config: InfraConfig = {
    environment: desired.environment,
    managementAccount: aws.managementAccountId,
    automation: { account, region: runtime.region },
    bucket: runtime.bucket!,
    applyLockTable,
    memberRoleName: aws.memberRoleName,
    maxConcurrentBuilds: runtime.maxConcurrentBuilds,
    managedOuPaths: outermostManagedPaths(desired),
    secretNames: [
      ...new Set(Object.values(notifications).flatMap((c) => [c.teamsWebhookSecret, c.slackWebhookSecret])),
    ]
      .filter((s): s is string => s !== undefined)
      .sort(),
    emailSenders: [
      ...new Set(
        Object.values(notifications).flatMap((c) => (c.emailSender ? [c.emailSender.toLowerCase()] : [])),
      ),
    ].sort(),
  };
  const idc = raw.runtime?.identityCenterRegion;
  if (idc && idc !== 'us-east-1') config.identityCenterRegion = idc;
  if (raw.github?.repository) config.githubRepository = raw.github.repository;
  if (raw.github?.appSecret) config.githubAppSecret = raw.github.appSecret;
  if (raw.github?.oidcProviderArn) config.githubOidcProviderArn = raw.github.oidcProviderArn;
  return config;
}

function lockTableName(value: string, account: string, region: string, problems: string[]): string {
  const arn = /^arn:[^:]+:dynamodb:([^:]+):(\d{12}):table\/(.+)$/.exec(value);
  if (!arn) return value;
  if (arn[1] !== region || arn[2] !== account)
    problems.push(`runtime.applyLockTable ${value} is not in the automation account ${account} (${region})`);
  return arn[3]!;
}
