import type { CallWait } from '../../adapters/aws/call-context.js';
import type { RetryNotice } from '../../adapters/aws/retry.js';

/**
 * The line printed while AWS cannot be reached, so that a run does not sit silent through its retries:
 * `AWS unreachable at https://organizations.us-east-1.amazonaws.com (ECONNREFUSED) on ListRoots: retry 1/1`.
 * Throttling and errors that AWS answered are retried quietly.
 */
export function retryNotice(notice: RetryNotice): string | undefined {
  if (!notice.unreachable) return undefined;
  const at = notice.endpoint ? ` at ${notice.endpoint}` : '';
  return `AWS unreachable${at} (${notice.unreachable}) on ${notice.operation}: retry ${notice.attempt}/${notice.maxAttempts - 1}`;
}

/** The line printed when a request has had no answer for a while: `waiting for AWS at ... (ListRoots): 5 s so far`. */
export function waitNotice(wait: CallWait): string {
  const at = wait.endpoint ? ` at ${wait.endpoint}` : '';
  return `waiting for AWS${at} (${wait.operation}): no answer after ${Math.round(wait.waitedMs / 1000)} s`;
}
