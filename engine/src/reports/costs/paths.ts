import { formatMonth, type Month } from '../month.js';

/** reports/<kind>/<yyyy>/<yyyy-mm>/: the folder of a month's report (DESIGN.md section 7, issue #131). */
export function monthFolder(kind: string, m: Month): string {
  return `reports/${kind}/${m.year}/${formatMonth(m)}`;
}

/**
 * The files of a month's cost report, relative to its folder. Names start with the month, so that a file
 * downloaded or attached to a mail still says which month it is.
 */
export function costFiles(m: Month) {
  const p = formatMonth(m);
  return {
    readme: 'README.md',
    summary: (ext: 'csv' | 'xlsx') => `${p}-summary.${ext}`,
    charges: (ext: 'csv' | 'xlsx') => `${p}-charges.${ext}`,
    trend: (ext: 'csv' | 'xlsx') => `${p}-trend.${ext}`,
    movers: (ext: 'csv' | 'xlsx') => `${p}-movers.${ext}`,
    servicesAcross: (ext: 'csv' | 'xlsx') => `${p}-services.${ext}`,
    budgets: (ext: 'csv' | 'xlsx') => `${p}-budgets.${ext}`,
    residuals: (ext: 'csv' | 'xlsx') => `${p}-purge-residuals.${ext}`,
    forecast: (ext: 'csv' | 'xlsx') => `${p}-forecast.${ext}`,
    ous: (ext: 'csv' | 'xlsx') => `${p}-organizational-units.${ext}`,
    chargesIn: (currency: string) => `${p}-charges-${currency}.xlsx`,
    rates: `${p}-exchange-rates.json`,
    differences: (ext: 'csv' | 'xlsx') => `${p}-cost-center-differences.${ext}`,
    services: (slug: string, ext: 'csv' | 'xlsx') => `cost-centers/${p}-${slug}-services.${ext}`,
    usageTypes: (slug: string, ext: 'csv' | 'xlsx') => `cost-centers/${p}-${slug}-usage-types.${ext}`,
  };
}
