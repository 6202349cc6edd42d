import { fixedRates, parseRates, type ExchangeRates } from '../../reports/exchange-rates.js';
import type { RatesSetting } from '../../reports/report-settings.js';
import { EngineError } from '../../domain/errors.js';
import type { RatesSource } from '../../ports/rates-source.js';

const ATTEMPTS = 4;

/**
 * Reads a rates file over HTTP(S), once per report. Public rate services answer 429 when asked too often
 * (the original retried open.er-api.com on 429): 429 and 5xx are retried a few times, honouring Retry-After.
 */
export function httpRatesSource(options: { timeoutMs?: number; retryBaseMs?: number } = {}): RatesSource {
  const timeout = options.timeoutMs ?? 15_000;
  const base = options.retryBaseMs ?? 1_000;
  return {
    async fetch(url: string): Promise<string> {
      let last = '';
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        let response: Response;
        try {
          response = await fetch(url, {
            signal: AbortSignal.timeout(timeout),
            headers: { accept: 'application/json, text/csv' },
          });
        } catch (cause) {
          last = (cause as Error).message;
          if (attempt === ATTEMPTS) throw unreachable(url, last, cause);
          await sleep(base * 2 ** (attempt - 1));
          continue;
        }
        if (response.ok) return await response.text();
        last = `HTTP ${response.status}`;
        if (response.status !== 429 && response.status < 500) break;
        if (attempt < ATTEMPTS) {
          const retryAfter = Number(response.headers.get('retry-after'));
          await sleep(
            Number.isFinite(retryAfter) && retryAfter > 0
              ? Math.min(retryAfter * 1000, 30_000)
              : base * 2 ** (attempt - 1),
          );
        }
      }
      throw unreachable(url, last);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function unreachable(url: string, why: string, cause?: unknown): EngineError {
  return new EngineError(
    'exchange-rates-unreachable',
    `the exchange rates could not be read from ${url}: ${why}`,
    {
      source: 'system',
      ...(cause !== undefined ? { cause } : {}),
      hint: 'check reporting.exchangeRates.url, or give fixed rates under reporting.exchangeRates.fixed',
    },
  );
}

/** The exchange rates of a report: fixed in the settings, or read once from the URL they name. */
export async function readRates(
  setting: RatesSetting,
  currencies: readonly string[],
  base: string,
  now: Date,
): Promise<ExchangeRates> {
  const options = { base, currencies, fetchedAt: now.toISOString() };
  if (!setting)
    throw new EngineError(
      'missing-exchange-rates',
      `reporting.currencies lists ${currencies.join(', ')} but no exchange rates are set`,
      {
        source: 'user',
        hint: 'set reporting.exchangeRates.url or reporting.exchangeRates.fixed in settings.yaml',
      },
    );
  if ('fixed' in setting) return fixedRates(setting.fixed, options);
  const body = await httpRatesSource().fetch(setting.url);
  return parseRates(body, { ...options, source: setting.url, fetchedAt: new Date().toISOString() });
}
