import { SETTINGS_DEFAULTS } from '../config/resolve-settings.js';
import type { GlobalSettings, Settings } from '../domain/generated/types.js';

/** Defaults of the reporting and github keys of settings.yaml; a test checks them against the schema. */
export const REPORT_DEFAULTS = {
  costExplorerCallsPerDay: SETTINGS_DEFAULTS.costExplorerCallsPerDay,
  reportsBranch: 'main',
} as const;

/** What the reports read of settings.yaml, defaults filled in, as the effective settings carry it. */
export type PublishedReportSettings = NonNullable<GlobalSettings['reports']>;

/**
 * The one resolution of what the reports read of settings.yaml: `spa compile` writes it into the effective
 * settings for the runtime's scheduled reports, and `spa report` reads settings.yaml through it.
 */
export function publishedReportSettings(s: Pick<Settings, 'reporting' | 'github'>): PublishedReportSettings {
  const rates = s.reporting?.exchangeRates;
  const exchangeRates = rates?.url ? { url: rates.url } : rates?.fixed ? { fixed: rates.fixed } : undefined;
  return {
    costExplorerCallsPerDay: s.reporting?.costExplorerCallsPerDay ?? REPORT_DEFAULTS.costExplorerCallsPerDay,
    github: {
      ...(s.github?.repository ? { repository: s.github.repository } : {}),
      reportsBranch: s.github?.reportsBranch ?? REPORT_DEFAULTS.reportsBranch,
      ...(s.github?.appSecret ? { appSecret: s.github.appSecret } : {}),
    },
    ...(exchangeRates ? { exchangeRates } : {}),
  };
}
