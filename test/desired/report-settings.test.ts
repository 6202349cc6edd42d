import { describe, expect, it } from 'vitest';
import { publishedReportSettings, REPORT_DEFAULTS } from '../../engine/src/desired/report-settings.js';

describe('what the reports read of settings.yaml', () => {
  it('fills in the defaults when settings.yaml gives neither reporting nor github', () => {
    expect(publishedReportSettings({})).toEqual({
      costExplorerCallsPerDay: REPORT_DEFAULTS.costExplorerCallsPerDay,
      github: { reportsBranch: 'main' },
    });
    expect(REPORT_DEFAULTS.costExplorerCallsPerDay).toBe(200);
  });

  it('keeps what settings.yaml gives: calls per day, repository, branch and the app secret', () => {
    expect(
      publishedReportSettings({
        reporting: { costExplorerCallsPerDay: 7 },
        github: { repository: 'acme/settings', reportsBranch: 'reports', appSecret: 'spa/github-app' },
      }),
    ).toEqual({
      costExplorerCallsPerDay: 7,
      github: { repository: 'acme/settings', reportsBranch: 'reports', appSecret: 'spa/github-app' },
    });
  });

  it('gives the exchange rates by URL or fixed, whichever is written', () => {
    const url = 'https://rates.example.com/usd.json';
    expect(publishedReportSettings({ reporting: { exchangeRates: { url } } }).exchangeRates).toEqual({ url });
    expect(
      publishedReportSettings({ reporting: { exchangeRates: { fixed: { EUR: 0.92 } } } }).exchangeRates,
    ).toEqual({ fixed: { EUR: 0.92 } });
    expect('exchangeRates' in publishedReportSettings({ reporting: { exchangeRates: {} } })).toBe(false);
  });
});
