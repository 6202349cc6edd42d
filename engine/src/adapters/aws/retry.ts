import PQueue from 'p-queue';
import { classify, toEngineError, unreachable, type Failure } from './aws-errors.js';

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
}

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
  delayMs: number;
  kind: Failure;
  /** Set when AWS was not reached at all: `ECONNREFUSED`, `no answer in time`... */
  unreachable: string | undefined;
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
    const attempt = async (): Promise<T> => {
      this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
      const result = await fn();
      this.onSuccess(queue, max);
      return result;
    };
    try {
      return await queue.add(() => (retry ? this.withRetries(queue, operation, attempt) : attempt()));
    } catch (error) {
      throw (
        (await this.explain?.(operation, error)) ??
        toEngineError(operation, error, retry ? this.policy.maxAttempts : 1)
      );
    }
  }

  /** Jittered exponential backoff: base * 2^(n-1), times a random factor between 1 and 2, at most maxDelayMs. */
  private async withRetries<T>(queue: PQueue, operation: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        const kind = classify(error);
        if (kind === 'throttling') this.onThrottle(queue);
        if (kind === 'fatal' || n >= this.policy.maxAttempts) throw error;
        const delayMs = Math.min(
          Math.round((Math.random() + 1) * this.policy.baseDelayMs * 2 ** (n - 1)),
          this.policy.maxDelayMs,
        );
        this.onRetry({
          operation,
          attempt: n,
          maxAttempts: this.policy.maxAttempts,
          delayMs,
          kind,
          unreachable: unreachable(error),
          error,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
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
