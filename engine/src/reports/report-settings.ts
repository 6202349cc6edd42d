import type { GlobalSettings, Settings } from '../domain/generated/types.js';

/** Defaults of the reporting and github keys of settings.yaml; a test checks them against the schema. */
export const REPORT_DEFAULTS = {
  costExplorerCallsPerDay: 200,
  reportsBranch: 'main',
} as const;

export type RatesSetting = { url: string } | { fixed: Record<string, number> } | undefined;

/** What the reports read of settings.yaml, defaults filled in. */
export interface ReportSettings {
  costExplorerCallsPerDay: number;
  exchangeRates: RatesSetting;
  github: { repository?: string; reportsBranch: string; appSecret?: string };
}

export function reportSettings(s: Settings): ReportSettings {
  const rates = s.reporting?.exchangeRates;
  return {
    costExplorerCallsPerDay: s.reporting?.costExplorerCallsPerDay ?? REPORT_DEFAULTS.costExplorerCallsPerDay,
    exchangeRates: rates?.url ? { url: rates.url } : rates?.fixed ? { fixed: rates.fixed } : undefined,
    github: {
      ...(s.github?.repository ? { repository: s.github.repository } : {}),
      reportsBranch: s.github?.reportsBranch ?? REPORT_DEFAULTS.reportsBranch,
      ...(s.github?.appSecret ? { appSecret: s.github.appSecret } : {}),
    },
  };
}

/**
 * The same, from the published effective settings (the runtime's Lambdas); an artifact written before they
 * carried it gets the defaults.
 */
export function reportSettingsOf(settings: Pick<GlobalSettings, 'reports'>): ReportSettings {
  const r = settings.reports;
  if (!r) return { costExplorerCallsPerDay: REPORT_DEFAULTS.costExplorerCallsPerDay, exchangeRates: undefined, github: { reportsBranch: REPORT_DEFAULTS.reportsBranch } };
  const rates = r.exchangeRates;
  return {
    costExplorerCallsPerDay: r.costExplorerCallsPerDay,
    exchangeRates: rates?.url ? { url: rates.url } : rates?.fixed ? { fixed: rates.fixed } : undefined,
    github: { ...r.github },
  };
}

/** What `spa compile` writes of them into the effective settings, for the runtime's scheduled reports. */
export function publishedReportSettings(s: Settings): NonNullable<GlobalSettings['reports']> {
  const { exchangeRates, ...rest } = reportSettings(s);
  return { ...rest, ...(exchangeRates ? { exchangeRates } : {}) };
}
