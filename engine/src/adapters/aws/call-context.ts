import type { MetadataBearer, MiddlewareStack } from '@smithy/types';

/** Which call of the SDK failed, and at which endpoint: what an operator needs to read a network failure. */
export interface CallContext {
  /** `ListAccounts`, `GetCallerIdentity`... */
  operation: string;
  /** `https://organizations.us-east-1.amazonaws.com`, `http://127.0.0.1:5000`; unknown when no request was built. */
  endpoint: string | undefined;
}

const KEY = '$spaCall';

/** A call that has waited WAIT_NOTICE_MS for its answer: said once per request, so that no run sits silent. */
export interface CallWait {
  operation: string;
  endpoint: string | undefined;
  waitedMs: number;
}

export const WAIT_NOTICE_MS = 3000;

interface ResolvedEndpoint {
  endpointV2?: { url?: URL };
}

/**
 * Marks every error that a call of `client` throws (AWS's answer, a refused connection, missing credentials)
 * with the operation and the endpoint, so that any command can say what it could not reach; tells `onWait` of
 * a request without an answer after WAIT_NOTICE_MS. `configured` is the endpoint the client was given, if any.
 */
export function withCallContext<C extends { middlewareStack: unknown }>(
  client: C,
  onWait?: (wait: CallWait) => void,
  configured?: string,
): C {
  // Every client's stack takes an initialize middleware that passes its input and output through untouched.
  (client.middlewareStack as MiddlewareStack<object, MetadataBearer>).add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'call').replace(/Command$/, '');
      // Credentials assumed through a role fail before the endpoint is resolved: the configured one is said then.
      const where = () => endpointOf(context) ?? configured;
      const timer = onWait
        ? setTimeout(() => onWait({ operation, endpoint: where(), waitedMs: WAIT_NOTICE_MS }), WAIT_NOTICE_MS)
        : undefined;
      timer?.unref();
      try {
        return await next(args);
      } catch (error) {
        if (error !== null && typeof error === 'object' && !(KEY in error)) {
          const call: CallContext = { operation, endpoint: where() };
          Object.defineProperty(error, KEY, { value: call, enumerable: false });
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    { step: 'initialize', priority: 'high', name: 'spaCallContext', override: true },
  );
  return client;
}

/** The endpoint middleware writes where the request goes into the context, before credentials are asked. */
function endpointOf(context: object): string | undefined {
  const url = (context as ResolvedEndpoint).endpointV2?.url;
  return url ? `${url.protocol}//${url.host}` : undefined;
}

/** The call an error of the SDK came from, when a client of an AWS session (session.ts) threw it. */
export function callContext(error: unknown): CallContext | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  return (error as { [KEY]?: CallContext })[KEY];
}
