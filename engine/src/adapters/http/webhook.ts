import pRetry from 'p-retry';
import type { WebhookAnswer } from '../../ports/exceptions.js';

export interface WebhookPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff: base * 2^(n-1), at most maxDelayMs; an answer's Retry-After wins, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const WEBHOOK_POLICY: WebhookPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  timeoutMs: 10_000,
};

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Posts JSON to an incoming webhook (Teams, Slack). 429 and 5xx are retried with backoff; any other answer is
 * final (a 4xx says the payload or the URL is wrong: sending it again would not help). The URL is a secret: it
 * appears in no answer, error nor log; a network failure is reported by its code only.
 */
export async function postWebhook(
  url: string,
  payload: unknown,
  policy: WebhookPolicy = WEBHOOK_POLICY,
): Promise<WebhookAnswer> {
  const body = JSON.stringify(payload);
  let attempts = 0;
  let last: WebhookAnswer = { ok: false, status: 0, attempts: 0 };
  try {
    return await pRetry(
      async () => {
        attempts++;
        let r: Response;
        try {
          r = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(policy.timeoutMs),
          });
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code;
          throw new WebhookError(code ?? (error as Error).name);
        }
        await r.arrayBuffer();
        last = { ok: r.ok, status: r.status, attempts };
        if (r.ok || !retryable(r.status)) return last;
        throw new RetryableAnswer(r.status, retryAfter(r.headers.get('retry-after')));
      },
      {
        retries: policy.maxAttempts - 1,
        factor: 2,
        minTimeout: policy.baseDelayMs,
        maxTimeout: policy.maxDelayMs,
        // The answer's Retry-After is honoured, up to maxDelayMs, before the backoff of p-retry.
        onFailedAttempt: async ({ error, retriesLeft }) => {
          const wait = error instanceof RetryableAnswer ? error.retryAfterMs : undefined;
          if (wait !== undefined && retriesLeft > 0)
            await new Promise((r) => setTimeout(r, Math.min(policy.maxDelayMs, wait)));
        },
      },
    );
  } catch (error) {
    // 429 and 5xx to the last attempt are an answer; a network failure to the last one is an error.
    if (error instanceof RetryableAnswer) return last;
    throw error;
  }
}

/** A 429 or 5xx answer, retried. */
class RetryableAnswer extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}`);
  }
}

/** A webhook that could not be reached: its name says how (ECONNREFUSED, TimeoutError), never where. */
export class WebhookError extends Error {
  constructor(readonly code: string) {
    super(`the webhook could not be reached (${code})`);
    this.name = 'WebhookError';
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
