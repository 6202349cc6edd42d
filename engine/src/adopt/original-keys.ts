import type { ImportNote } from './notes.js';
import type { OriginalSettings } from './original-file.js';
import type { YamlValue } from './repository.js';

/** Why a key of the original has no place in the settings here. */
const NO_EQUIVALENT: Record<string, string> = {
  'automation.cockpit_markdown_text':
    'the runtime has its CloudWatch dashboard from infra/, without a text banner',
  'automation.tags': 'infra/ tags the resources it deploys itself',
  'automation.verbosity': 'the Lambdas log JSON through Powertools (POWERTOOLS_LOG_LEVEL in infra/)',
  'metering.activities_datastore': 'infra/ names the runtime tables',
  'metering.shadows_datastore': 'infra/ names the runtime tables',
  'metering.transactions_datastore': 'infra/ names the runtime tables',
  'metering.activities_ttl_in_seconds': 'activities are kept by the runtime table of infra/',
  'metering.shadows_ttl_in_seconds': 'the account state lives in its tags and the runtime table',
  'worker.preparation_buildspec_template_file':
    'the preparation runs buildspecs/prepare.yml: port the template there',
  'worker.purge_buildspec_template_file': 'the purge runs buildspecs/purge.yml: port the template there',
  'features.with_arm_architecture': 'the Lambdas always run on arm64',
  'features.with_cost_email_recipients':
    'cost reports are committed to reports/ and stored in the runtime bucket, not emailed',
  'features.with_end_user_documents': 'documents for account holders belong in the settings repository',
  'features.with_response_plan_arn': 'exceptions become GitHub issues and reach the notification channels',
  'reporting.activities_prefix': 'reports are committed to reports/<kind>/ and the runtime bucket',
  'reporting.costs_prefix': 'reports are committed to reports/<kind>/ and the runtime bucket',
  'reporting.exceptions_prefix': 'exceptions become GitHub issues',
  'reporting.inventories_prefix': 'reports are committed to reports/<kind>/ and the runtime bucket',
  'reporting.costs_markdown_template': 'the cost report README is written by the engine',
};

/** The exchange rates the original converts with, kept so that reports in other currencies do not change. */
export const ORIGINAL_RATES_URL = 'https://open.er-api.com/v6/latest/USD';

/** The channel that receives the exceptions, as the original's alert subscriptions and Teams webhook did. */
export const ALERTS_CHANNEL = 'alerts';

const seconds = (s: number) =>
  s % 86400 === 0 ? `${s / 86400}d` : s % 3600 === 0 ? `${s / 3600}h` : `${Math.ceil(s / 60)}m`;

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const texts = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/**
 * The sections of settings.yaml that the original's automation, metering and features keys become, and a note
 * for each key that has no equivalent (never dropped silently). The secret webhook URL is never written nor shown.
 */
export function convertKeys(original: OriginalSettings): { settings: YamlValue; notes: ImportNote[] } {
  const get = (key: string) => original.keys.get(key)?.value;
  const notes: ImportNote[] = [];
  const used = new Set<string>(['features.with_csv_files', 'automation.role_arn_to_manage_accounts']);
  const take = (key: string) => {
    used.add(key);
    return get(key);
  };
  const aws: YamlValue = {};
  const roleArn = text(take('automation.role_arn_to_manage_accounts'));
  if (roleArn) aws.managementRoleArn = roleArn;
  const member = text(take('automation.role_name_to_manage_codebuild'));
  if (member) aws.memberRoleName = member;
  const runtime: YamlValue = {};
  const account = text(take('automation.account_id'));
  if (account) runtime.account = account.padStart(12, '0');
  const ttl = Number(take('metering.transactions_ttl_in_seconds'));
  if (ttl > 0) runtime.transactionTimeout = seconds(ttl);
  const settings: YamlValue = { aws };
  const window = text(take('automation.maintenance_window_expression'));
  if (window) settings.maintenanceWindow = window;
  const prefix = text(take('features.with_tag_prefix'));
  if (prefix) settings.tagPolicy = { prefix };
  const reporting = reportingOf(
    take('features.with_cost_management_tag'),
    take('features.with_cost_extra_currencies'),
  );
  if (reporting) settings.reporting = reporting;
  const alerts = alertsChannel(original, take, notes);
  if (alerts) settings.notifications = { [ALERTS_CHANNEL]: alerts };
  if (Object.keys(runtime).length) settings.runtime = runtime;
  for (const key of original.keys.keys()) {
    if (used.has(key) || key === 'automation.region') continue;
    if (key === 'features.with_origin_email_recipient' && alerts?.emailSender) continue;
    notes.push({
      kind: 'no-equivalent',
      subject: key,
      message: NO_EQUIVALENT[key] ?? 'no equivalent in this edition',
    });
  }
  return { settings, notes };
}

function reportingOf(tag: unknown, currencies: unknown): YamlValue | undefined {
  const out: YamlValue = {};
  if (text(tag)) out.costCenterTag = text(tag);
  const list = texts(currencies).filter((c) => c !== 'USD');
  if (list.length) {
    out.currencies = list;
    out.exchangeRates = { url: ORIGINAL_RATES_URL };
  }
  return Object.keys(out).length ? out : undefined;
}

/** The alerts channel: the email subscriptions (sent from the original's sender) and the Teams webhook's secret. */
function alertsChannel(
  original: OriginalSettings,
  take: (key: string) => unknown,
  notes: ImportNote[],
): YamlValue | undefined {
  const emails = texts(take('features.with_email_subscriptions_on_alerts'));
  const sender = text(original.keys.get('features.with_origin_email_recipient')?.value);
  const webhook = take('features.with_microsoft_webhook_on_alerts');
  const channel: YamlValue = {};
  if (emails.length && sender) Object.assign(channel, { email: emails, emailSender: sender });
  else if (emails.length)
    notes.push({
      kind: 'no-equivalent',
      subject: 'features.with_email_subscriptions_on_alerts',
      message:
        'email goes out through Amazon SES from a verified sender: add emailSender to notifications.alerts (features.with_origin_email_recipient was not set)',
    });
  if (webhook) {
    const secret = `${original.environment || 'spa'}/teams-alerts`;
    channel.teamsWebhookSecret = secret;
    notes.push({
      kind: 'difference',
      subject: 'features.with_microsoft_webhook_on_alerts',
      message: `webhook URLs are secrets and never live in git: store the URL in AWS Secrets Manager as the secret ${secret} (notifications.alerts.teamsWebhookSecret names it)`,
    });
  }
  return Object.keys(channel).length ? channel : undefined;
}
