import pRetry, { AbortError } from 'p-retry';
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
      return pRetry(
        async () => {
          let response: Response;
          try {
            response = await fetch(url, {
              signal: AbortSignal.timeout(timeout),
              headers: { accept: 'application/json, text/csv' },
            });
          } catch (cause) {
            throw unreachable(url, (cause as Error).message, cause);
          }
          if (response.ok) return await response.text();
          const failure = unreachable(url, `HTTP ${response.status}`);
          // Only 429 and 5xx may pass: any other answer is final.
          if (response.status !== 429 && response.status < 500) throw new AbortError(failure);
          throw Object.assign(failure, { retryAfterMs: retryAfterOf(response) });
        },
        {
          retries: ATTEMPTS - 1,
          factor: 2,
          minTimeout: base,
          // A Retry-After is honoured (up to 30 s) before the backoff of p-retry.
          onFailedAttempt: async ({ error, retriesLeft }) => {
            const wait = (error as { retryAfterMs?: number }).retryAfterMs;
            if (wait !== undefined && retriesLeft > 0) await sleep(wait);
          },
        },
      );
    },
  };
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 30_000) : undefined;
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
