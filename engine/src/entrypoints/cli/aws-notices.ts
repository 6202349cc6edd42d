import type { RetryNotice } from '../../adapters/aws/retry.js';

/**
 * The line printed while AWS cannot be reached, so that a run does not sit silent through its retries:
 * `AWS unreachable (ECONNREFUSED) on ListRoots: retry 3/11 in 1.6 s`. Throttling and errors that AWS answered
 * are retried quietly.
 */
export function retryNotice(notice: RetryNotice): string | undefined {
  if (!notice.unreachable) return undefined;
  const retries = notice.maxAttempts - 1;
  return `AWS unreachable (${notice.unreachable}) on ${notice.operation}: retry ${notice.attempt}/${retries} in ${(notice.delayMs / 1000).toFixed(1)} s`;
}
