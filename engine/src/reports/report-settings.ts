import { publishedReportSettings } from '../desired/report-settings.js';
import type { GlobalSettings, Settings } from '../domain/generated/types.js';

export type RatesSetting = { url: string } | { fixed: Record<string, number> } | undefined;

/** What the reports read of settings.yaml, defaults filled in. */
export interface ReportSettings {
  costExplorerCallsPerDay: number;
  exchangeRates: RatesSetting;
  github: { repository?: string; reportsBranch: string; appSecret?: string };
}

/** From settings.yaml (the CLI): resolved as `spa compile` publishes it. */
export function reportSettings(s: Settings): ReportSettings {
  return reportSettingsOf({ reports: publishedReportSettings(s) });
}

/**
 * From the published effective settings (the runtime's Lambdas); an artifact written before they carried it
 * gets the defaults.
 */
export function reportSettingsOf(settings: Pick<GlobalSettings, 'reports'>): ReportSettings {
  const r = settings.reports ?? publishedReportSettings({});
  const rates = r.exchangeRates;
  return {
    costExplorerCallsPerDay: r.costExplorerCallsPerDay,
    exchangeRates: rates?.url ? { url: rates.url } : rates?.fixed ? { fixed: rates.fixed } : undefined,
    github: { ...r.github },
  };
}
