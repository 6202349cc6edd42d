import PQueue from 'p-queue';
import pRetry from 'p-retry';
import { EngineError } from '../../domain/errors.js';

/** How calls to AWS are retried and how many run at once. Delays are injectable so that fault tests stay fast. */
export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** First delay; each retry doubles it, with full jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Reads in flight at once, at most (the limiter lowers it while AWS throttles). */
  readConcurrency: number;
  /** Writes in flight at once: Organizations answers concurrent writes with TooManyRequestsException. */
  writeConcurrency: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 12,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  readConcurrency: 8,
  writeConcurrency: 2,
};

const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'ConcurrentModificationException',
]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

export type Failure = 'throttling' | 'transient' | 'fatal';

/** Sorts an error of the SDK: throttled (slow down and retry), transient (retry), or fatal (give up now). */
export function classify(error: unknown): Failure {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
  };
  if (e.$retryable?.throttling || (e.name !== undefined && THROTTLING.has(e.name))) return 'throttling';
  const status = e.$metadata?.httpStatusCode;
  if (status === 429) return 'throttling';
  if (status !== undefined && status >= 500) return 'transient';
  if (e.code !== undefined && TRANSIENT_CODES.has(e.code)) return 'transient';
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'RequestTimeoutException')
    return 'transient';
  if (e.$retryable) return 'transient';
  if (/socket hang up|ECONNRESET|EPIPE|other side closed|aborted/i.test(e.message ?? '')) return 'transient';
  return 'fatal';
}

/**
 * Every call to AWS goes through here: bounded concurrency (reads and writes apart), retries with jittered
 * exponential backoff, and an adaptive limit that halves concurrency when AWS throttles and grows it back one
 * step at a time while calls succeed. Counts calls per operation, attempts included.
 */
export class AwsCaller {
  readonly calls = new Map<string, number>();
  private readonly reads: PQueue;
  private readonly writes: PQueue;
  private successesSinceThrottle = 0;

  constructor(private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.reads = new PQueue({ concurrency: policy.readConcurrency });
    this.writes = new PQueue({ concurrency: policy.writeConcurrency });
  }

  read<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return this.run(this.reads, this.policy.readConcurrency, operation, fn, true);
  }

  /** `retry: false` for calls that must not be repeated blindly (CreateAccount: a lost answer may hide a success). */
  write<T>(operation: string, fn: () => Promise<T>, options: { retry?: boolean } = {}): Promise<T> {
    return this.run(this.writes, this.policy.writeConcurrency, operation, fn, options.retry ?? true);
  }

  totalCalls(): number {
    let total = 0;
    for (const n of this.calls.values()) total += n;
    return total;
  }

  private async run<T>(
    queue: PQueue,
    max: number,
    operation: string,
    fn: () => Promise<T>,
    retry: boolean,
  ): Promise<T> {
    const attempt = async (): Promise<T> => {
      this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
      const result = await fn();
      this.onSuccess(queue, max);
      return result;
    };
    try {
      return await queue.add(() =>
        retry
          ? pRetry(attempt, {
              retries: this.policy.maxAttempts - 1,
              factor: 2,
              minTimeout: this.policy.baseDelayMs,
              maxTimeout: this.policy.maxDelayMs,
              randomize: true,
              shouldRetry: ({ error }) => {
                const kind = classify(error);
                if (kind === 'throttling') this.onThrottle(queue);
                return kind !== 'fatal';
              },
            })
          : attempt(),
      );
    } catch (error) {
      throw toEngineError(operation, error, retry ? this.policy.maxAttempts : 1);
    }
  }

  private onThrottle(queue: PQueue): void {
    this.successesSinceThrottle = 0;
    queue.concurrency = Math.max(1, Math.floor(queue.concurrency / 2));
  }

  private onSuccess(queue: PQueue, max: number): void {
    this.successesSinceThrottle++;
    if (queue.concurrency < max && this.successesSinceThrottle >= 10 * queue.concurrency) {
      queue.concurrency += 1;
      this.successesSinceThrottle = 0;
    }
  }
}

function toEngineError(operation: string, error: unknown, attempts: number): EngineError {
  if (error instanceof EngineError) return error;
  const e = error as { name?: string; message?: string };
  const kind = classify(error);
  const name = e.name ?? 'Error';
  const denied =
    /AccessDenied|UnrecognizedClient|InvalidClientTokenId|ExpiredToken|AWSOrganizationsNotInUse/.test(name);
  const why = kind === 'fatal' ? '' : ` after ${attempts} attempts`;
  return new EngineError(
    denied ? 'aws-access-denied' : 'aws-call-failed',
    `AWS ${operation} failed${why}: ${name}: ${e.message ?? String(error)}`,
    {
      source: 'system',
      cause: error,
      hint: denied
        ? 'check the credentials (AWS_PROFILE, role) and that their IAM policy allows this call (see the README for the policies)'
        : kind === 'fatal'
          ? 'see the message of AWS above'
          : 'AWS kept refusing or failing: wait and run again; nothing was read partially',
    },
  );
}
