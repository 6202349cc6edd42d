import { EngineError } from '../../domain/errors.js';
import { callContext } from './call-context.js';

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
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);
/** Failures where AWS was not reached at all, or did not answer in time. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

export type Failure = 'throttling' | 'transient' | 'fatal';

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** Sorts an error of the SDK: throttled (slow down and retry), transient (retry), or fatal (give up now). */
export function classify(error: unknown): Failure {
  const e = error as SdkError;
  if (e.$retryable?.throttling || (e.name !== undefined && THROTTLING.has(e.name))) return 'throttling';
  const status = e.$metadata?.httpStatusCode;
  if (status === 429) return 'throttling';
  if (status !== undefined && status >= 500) return 'transient';
  if (e.code !== undefined && TRANSIENT_CODES.has(e.code)) return 'transient';
  if (e.name !== undefined && TIMEOUT_NAMES.has(e.name)) return 'transient';
  if (e.$retryable) return 'transient';
  if (/socket hang up|ECONNRESET|EPIPE|other side closed|aborted/i.test(e.message ?? '')) return 'transient';
  return 'fatal';
}

/** What unreachable() says of an AWS that accepted the connection, or was being waited for, and never answered. */
export const NO_ANSWER = 'no answer in time';

/**
 * Why AWS could not be talked to at all: `ECONNREFUSED`, `ENOTFOUND`... or `no answer` for a timeout.
 * Undefined when AWS answered (with an error) or the connection dropped midway.
 */
export function unreachable(error: unknown): string | undefined {
  const e = error as SdkError;
  if (e.name !== undefined && TIMEOUT_NAMES.has(e.name)) return NO_ANSWER;
  if (e.code === 'ETIMEDOUT') return NO_ANSWER;
  if (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) return e.code;
  return undefined;
}

const NO_CREDENTIALS =
  'give credentials in one of the ways of the AWS SDK: AWS_PROFILE=<profile> (after `aws sso login --profile <profile>` for SSO), the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or, in GitHub Actions, the OIDC step aws-actions/configure-aws-credentials before spa';

/** The name of an AWS error, thrown by the SDK or the cause of the engine's error around it (the caller wraps them). */
export function errorName(error: unknown): string | undefined {
  const e = error as { name?: string; cause?: { name?: string } };
  return e.cause?.name ?? e.name;
}

/** The error the engine reports when a call to AWS failed for good. */
export function toEngineError(operation: string, error: unknown, attempts: number): EngineError {
  if (error instanceof EngineError) return error;
  const e = error as { name?: string; message?: string };
  const kind = classify(error);
  const name = e.name ?? 'Error';
  const why = kind === 'fatal' ? '' : ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const message = `AWS ${operation} failed${why}: ${name}: ${e.message ?? String(error)}`;
  if (name === 'CredentialsProviderError') {
    return new EngineError('aws-no-credentials', `no AWS credentials were found (calling ${operation})`, {
      source: 'system',
      cause: error,
      hint: NO_CREDENTIALS,
    });
  }
  const denied =
    /AccessDenied|UnrecognizedClient|InvalidClientTokenId|ExpiredToken|AWSOrganizationsNotInUse/.test(name);
  const away = unreachable(error);
  const at = callContext(error)?.endpoint;
  return new EngineError(denied ? 'aws-access-denied' : 'aws-call-failed', message, {
    source: 'system',
    cause: error,
    hint: denied
      ? 'check the credentials (AWS_PROFILE, role) and that their IAM policy allows this call (see infra/README.md for the policies)'
      : away
        ? `AWS could not be reached${at ? ` at ${at}` : ''} (${away}): check the network, a proxy, and AWS_ENDPOINT_URL if set (SPA_AWS_TIMEOUT_MS bounds one request, SPA_AWS_UNREACHABLE_MS the whole wait); nothing was read partially`
        : kind === 'fatal'
          ? 'the message of AWS above says what it refused'
          : 'AWS kept refusing or failing: wait and run again; nothing was read partially',
  });
}

/**
 * An error of the AWS SDK that reached the top of a command without being reported (a command that calls AWS
 * outside the retrying caller), as the engine reports it: no credentials, AWS unreachable, refused. Undefined
 * for any other error. Every command ends through here, so each says the same thing for the same cause.
 */
export function awsFailureOf(error: unknown): EngineError | undefined {
  if (error instanceof EngineError || error === null || typeof error !== 'object') return undefined;
  const call = callContext(error);
  const e = error as SdkError;
  if (!call && e.name !== 'CredentialsProviderError' && e.$metadata === undefined) return undefined;
  return toEngineError(call?.operation ?? 'call', error, 1);
}
