import PQueue from 'p-queue';
import pRetry from 'p-retry';
import { classify, NO_ANSWER, toEngineError, unreachable, type Failure } from './aws-errors.js';
import { callContext } from './call-context.js';

export { classify, type Failure };

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
  /**
   * How long a call keeps trying an AWS that it cannot reach (no answer in time), from its first attempt: no
   * attempt starts that would end later, judged by the last one. Default DEFAULT_UNREACHABLE_MS.
   */
  unreachableMs?: number;
}

/** A run that cannot reach AWS ends within this time (SPA_AWS_UNREACHABLE_MS). */
export const DEFAULT_UNREACHABLE_MS = 60_000;

/** A refused connection or an unknown host is tried this many times at most: waiting does not mend them. */
export const REFUSED_ATTEMPTS = 2;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 12,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  readConcurrency: 8,
  writeConcurrency: 2,
};

/** Said before each retry, for people watching a run that AWS slows down. */
export interface RetryNotice {
  operation: string;
  /** The attempt that failed, 1-based, and how many there may be. */
  attempt: number;
  maxAttempts: number;
  kind: Failure;
  /** Set when AWS was not reached at all: `ECONNREFUSED`, `no answer in time`... */
  unreachable: string | undefined;
  /** Where the call went, when known: `https://organizations.us-east-1.amazonaws.com`. */
  endpoint: string | undefined;
  error: unknown;
}

export interface CallerHooks {
  /** Told before each retry (the CLI prints a line when AWS cannot be reached). */
  onRetry?: (notice: RetryNotice) => void;
  /** A better error than AWS's for a call that failed for good, when there is one. */
  explain?: (operation: string, error: unknown) => Promise<Error | undefined>;
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

  private readonly onRetry: (notice: RetryNotice) => void;
  private readonly explain: CallerHooks['explain'];

  constructor(
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    hooks: CallerHooks = {},
  ) {
    this.onRetry = hooks.onRetry ?? (() => {});
    this.explain = hooks.explain;
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
    let attempts = 0;
    const attempt = async (): Promise<T> => {
      attempts++;
      this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
      const result = await fn();
      this.onSuccess(queue, max);
      return result;
    };
    try {
      return await queue.add(() => (retry ? this.withRetries(queue, operation, attempt) : attempt()));
    } catch (error) {
      throw (await this.explain?.(operation, error)) ?? toEngineError(operation, error, attempts);
    }
  }

  /**
   * Retries with p-retry: jittered exponential backoff, base * 2^(n-1) times a random factor between 1 and 2,
   * at most maxDelayMs. Fatal errors are not retried; a refused connection is tried REFUSED_ATTEMPTS times; an
   * AWS that does not answer is retried while another attempt would end within unreachableMs.
   */
  private withRetries<T>(queue: PQueue, operation: string, attempt: () => Promise<T>): Promise<T> {
    const started = Date.now();
    let attemptStarted = started;
    const budget = this.policy.unreachableMs ?? DEFAULT_UNREACHABLE_MS;
    return pRetry(
      () => {
        attemptStarted = Date.now();
        return attempt();
      },
      {
        retries: this.policy.maxAttempts - 1,
        factor: 2,
        minTimeout: this.policy.baseDelayMs,
        maxTimeout: this.policy.maxDelayMs,
        randomize: true,
        shouldRetry: ({ error, attemptNumber }) => {
          const kind = classify(error);
          if (kind === 'throttling') this.onThrottle(queue);
          if (kind === 'fatal') return false;
          const away = unreachable(error);
          let maxAttempts = this.policy.maxAttempts;
          if (away && away !== NO_ANSWER) maxAttempts = Math.min(maxAttempts, REFUSED_ATTEMPTS);
          if (attemptNumber >= maxAttempts) return false;
          const now = Date.now();
          if (away && now - started + (now - attemptStarted) > budget) return false;
          this.onRetry({
            operation,
            attempt: attemptNumber,
            maxAttempts,
            kind,
            unreachable: away,
            endpoint: callContext(error)?.endpoint,
            error,
          });
          return true;
        },
      },
    );
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
