import { parse as parseCsv } from 'csv-parse/sync';
import { EngineError } from '../domain/errors.js';
import { formatExact, parseAmount, type Exact } from './money.js';

/** Rates of the extra currencies: how much of each for one unit of the base currency (Cost Explorer's). */
export interface ExchangeRates {
  base: string;
  rates: Map<string, Exact>;
  /** The URL they were read from, or "settings.yaml" for fixed rates. */
  source: string;
  fetchedAt: string;
  /** The answer of the URL as it came, kept in the report so that the rates can be checked. */
  response?: string;
}

const bad = (source: string, why: string) =>
  new EngineError('bad-exchange-rates', `the exchange rates of ${source} are unusable: ${why}`, {
    source: 'user',
    hint: 'reporting.exchangeRates.url must give JSON such as {"base": "USD", "rates": {"EUR": 0.92}}, or CSV with the columns currency,rate',
  });

function positive(value: unknown, currency: string, source: string): Exact {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  let rate: Exact;
  try {
    rate = parseAmount(text);
  } catch {
    throw bad(source, `the rate of ${currency} is ${JSON.stringify(value)}`);
  }
  if (rate <= 0n) throw bad(source, `the rate of ${currency} is ${text}`);
  return rate;
}

function fromJson(body: string, base: string, source: string): Map<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw bad(source, 'neither JSON nor CSV');
  }
  const declared = doc.base ?? doc.base_code ?? doc.source;
  if (typeof declared === 'string' && declared.toUpperCase() !== base)
    throw bad(source, `its base is ${declared}, not ${base}`);
  const rates = doc.rates ?? doc.conversion_rates;
  if (!rates || typeof rates !== 'object') throw bad(source, 'no "rates" object');
  return new Map(Object.entries(rates as Record<string, unknown>).map(([k, v]) => [k.toUpperCase(), v]));
}

function fromCsv(body: string, source: string): Map<string, unknown> {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv<Record<string, string>>(body, {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    throw bad(source, 'neither JSON nor CSV');
  }
  const first = rows[0];
  if (!first || !('currency' in first) || !('rate' in first))
    throw bad(source, 'a CSV file needs the columns currency and rate');
  return new Map(rows.map((r) => [String(r.currency).toUpperCase(), r.rate]));
}

/** The rates of `currencies` from the answer of a rates URL (JSON, else CSV). */
export function parseRates(
  body: string,
  options: { base: string; currencies: readonly string[]; source: string; fetchedAt: string },
): ExchangeRates {
  const all = body.trimStart().startsWith('{') ? fromJson(body, options.base, options.source) : fromCsv(body, options.source);
  const rates = new Map<string, Exact>();
  for (const currency of options.currencies) {
    if (currency === options.base) {
      rates.set(currency, parseAmount('1'));
      continue;
    }
    if (!all.has(currency)) throw bad(options.source, `it has no rate for ${currency}`);
    rates.set(currency, positive(all.get(currency), currency, options.source));
  }
  return { base: options.base, rates, source: options.source, fetchedAt: options.fetchedAt, response: body };
}

/** Fixed rates from settings.yaml (reporting.exchangeRates.fixed). */
export function fixedRates(
  fixed: Readonly<Record<string, number>>,
  options: { base: string; currencies: readonly string[]; fetchedAt: string },
): ExchangeRates {
  const rates = new Map<string, Exact>();
  for (const currency of options.currencies) {
    const value = fixed[currency];
    if (value === undefined && currency !== options.base)
      throw new EngineError('missing-exchange-rate', `reporting.exchangeRates.fixed has no rate for ${currency}`, {
        source: 'user',
        hint: `add ${currency}: <amount of ${currency} for one ${options.base}> under reporting.exchangeRates.fixed`,
      });
    rates.set(currency, currency === options.base ? parseAmount('1') : positive(value, currency, 'settings.yaml'));
  }
  return { base: options.base, rates, source: 'settings.yaml', fetchedAt: options.fetchedAt };
}

/** The rates file of a report: what was used, from where, when, and the answer it came in. */
export function ratesFile(rates: ExchangeRates): string {
  return (
    JSON.stringify(
      {
        base: rates.base,
        source: rates.source,
        fetchedAt: rates.fetchedAt,
        rates: Object.fromEntries([...rates.rates].map(([c, r]) => [c, formatExact(r)])),
        ...(rates.response !== undefined ? { response: rates.response } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}
