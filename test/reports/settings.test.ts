import { describe, expect, it } from 'vitest';
import { parseRates, fixedRates, ratesFile } from '../../engine/src/reports/exchange-rates.js';
import { formatExact } from '../../engine/src/reports/money.js';
import { REPORT_DEFAULTS } from '../../engine/src/desired/report-settings.js';
import { reportSettings } from '../../engine/src/reports/report-settings.js';
import { readRepoFile } from '../helpers/tree.js';

const at = { base: 'USD', currencies: ['EUR'], source: 'https://rates.example/usd', fetchedAt: '2026-11-06T07:00:00Z' };

describe('exchange rates', () => {
  it('are read from JSON of the usual services, or from CSV', () => {
    expect(formatExact(parseRates('{"base_code":"USD","rates":{"EUR":0.9234}}', at).rates.get('EUR')!)).toBe('0.9234');
    expect(formatExact(parseRates('{"base":"USD","date":"2026-11-05","rates":{"EUR":"0.91"}}', at).rates.get('EUR')!)).toBe('0.91');
    expect(formatExact(parseRates('currency,rate\nEUR,0.93\nGBP,0.79\n', at).rates.get('EUR')!)).toBe('0.93');
  });

  it('are refused with what is wrong: another base, a missing or odd rate, neither JSON nor CSV', () => {
    expect(() => parseRates('{"base":"EUR","rates":{"EUR":1}}', at)).toThrow('its base is EUR, not USD');
    expect(() => parseRates('{"rates":{"GBP":0.8}}', at)).toThrow('it has no rate for EUR');
    expect(() => parseRates('{"rates":{"EUR":-1}}', at)).toThrow('the rate of EUR is -1');
    expect(() => parseRates('<html>', at)).toThrow('unusable');
    expect(() => fixedRates({ GBP: 0.8 }, at)).toThrow('reporting.exchangeRates.fixed has no rate for EUR');
  });

  it('are kept in the report with their source and the answer they came in', () => {
    const kept = JSON.parse(ratesFile(parseRates('{"rates":{"EUR":0.92}}', at))) as Record<string, unknown>;
    expect(kept).toEqual({ base: 'USD', source: at.source, fetchedAt: at.fetchedAt, rates: { EUR: '0.92' }, response: '{"rates":{"EUR":0.92}}' });
  });
});

describe('report settings', () => {
  it('have the defaults of the schema', () => {
    const schema = JSON.parse(readRepoFile('schemas/settings.schema.json')) as {
      properties: Record<string, { properties: Record<string, { default?: unknown }> }>;
    };
    expect(schema.properties.reporting!.properties.costExplorerCallsPerDay!.default).toBe(REPORT_DEFAULTS.costExplorerCallsPerDay);
    expect(schema.properties.github!.properties.reportsBranch!.default).toBe(REPORT_DEFAULTS.reportsBranch);
    expect(reportSettings({ environment: 'x', aws: { region: 'eu-west-1', managementAccountId: '123456789012' } })).toEqual({
      costExplorerCallsPerDay: 200,
      exchangeRates: undefined,
      github: { reportsBranch: 'main' },
    });
  });
});
