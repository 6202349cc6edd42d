import { describe, expect, it } from 'vitest';
import { convertOriginalCsv } from '../../engine/src/adopt/original-csv.js';
import { readOriginalSettings } from '../../engine/src/adopt/original-file.js';
import { convertKeys } from '../../engine/src/adopt/original-keys.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the CSV files of the original', () => {
  it("are written in this edition's grammar: the budget amount as Budget, thresholds left out with a note", () => {
    const converted = convertOriginalCsv(
      'finops.csv',
      'Account, Note, Tag: cost-center, Preparation: BUDGET_AMOUNT, Preparation: ALERT_THRESHOLD, Purge:MAXIMUM_AGE\n012345678901, "Approved, twice", CC-1, 300, 90, 3M\n',
    );
    expect(converted.text).toBe(
      'Account,Note,Tag: cost-center,Budget,Purge: MAXIMUM_AGE\n012345678901,"Approved, twice",CC-1,300,3M\n',
    );
    expect(converted.accounts).toEqual(['012345678901']);
    expect(converted.notes.map((n) => n.subject)).toEqual([
      'finops.csv column "Preparation: ALERT_THRESHOLD"',
    ]);
  });
});

describe('the settings file of the original', () => {
  it('says where a value has the wrong shape, and how to fix it', () => {
    const read = readOriginalSettings(
      'spa/settings.yaml',
      bytes(
        'environment_identifier: SpaDemo\naccounts:\n  - identifier: 012345678901\n    account_tag: {}\n',
      ),
    );
    expect(read.settings).toBeUndefined();
    expect(read.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.hint}`)).toEqual([
      'spa/settings.yaml:3:17 original-invalid-identifier quote the id, so that YAML keeps its leading zeros',
    ]);
    const unknown = readOriginalSettings(
      'spa/settings.yaml',
      bytes(
        'environment_identifier: SpaDemo\naccounts:\n  - identifier: "012345678901"\n    account_tag: {}\n',
      ),
    );
    expect(unknown.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.summary}`)).toEqual([
      '4:5 original-unknown-key "account_tag" is not a key of an item',
    ]);
  });

  it('lists every key without an equivalent, and never writes the webhook URL', () => {
    const read = readOriginalSettings(
      'settings.yaml',
      bytes(
        [
          'environment_identifier: SpaProd',
          'automation:',
          '  verbosity: DEBUG',
          '  maintenance_window_expression: cron(0 18 ? * SAT *)',
          'metering:',
          '  transactions_ttl_in_seconds: 10800',
          'features:',
          '  with_microsoft_webhook_on_alerts: https://example.webhook.office.com/secret',
          '  with_email_subscriptions_on_alerts: [sre@example.com]',
          '',
        ].join('\n'),
      ),
    );
    const { settings, notes } = convertKeys(read.settings!);
    expect(settings).toEqual({
      aws: {},
      maintenanceWindow: 'cron(0 18 ? * SAT *)',
      notifications: { alerts: { teamsWebhookSecret: 'SpaProd/teams-alerts' } },
      runtime: { transactionTimeout: '3h' },
    });
    expect(notes.map((n) => `${n.kind} ${n.subject}`)).toEqual([
      'no-equivalent features.with_email_subscriptions_on_alerts',
      'difference features.with_microsoft_webhook_on_alerts',
      'no-equivalent automation.verbosity',
    ]);
    expect(JSON.stringify({ settings, notes })).not.toContain('office.com');
  });
});
