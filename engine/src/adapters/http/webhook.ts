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
  let status = 0;
  for (let attempt = 1; ; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      status = r.status;
      retryAfterMs = retryAfter(r.headers.get('retry-after'));
      await r.arrayBuffer();
      if (r.ok) return { ok: true, status, attempts: attempt };
      if (!retryable(status)) return { ok: false, status, attempts: attempt };
    } catch (error) {
      status = 0;
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (attempt >= policy.maxAttempts) throw new WebhookError(code ?? (error as Error).name);
    }
    if (attempt >= policy.maxAttempts) return { ok: false, status, attempts: attempt };
    // The answer's Retry-After is honoured, up to maxDelayMs; else exponential backoff.
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    await new Promise((r) => setTimeout(r, Math.min(policy.maxDelayMs, retryAfterMs ?? backoff)));
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
