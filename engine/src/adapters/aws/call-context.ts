import type { MetadataBearer, MiddlewareStack } from '@smithy/types';

/** Which call of the SDK failed, and at which endpoint: what an operator needs to read a network failure. */
export interface CallContext {
  /** `ListAccounts`, `GetCallerIdentity`... */
  operation: string;
  /** `https://organizations.us-east-1.amazonaws.com`, `http://127.0.0.1:5000`; unknown when no request was built. */
  endpoint: string | undefined;
}

const KEY = '$spaCall';

interface ResolvedEndpoint {
  endpointV2?: { url?: URL };
}

/**
 * Marks every error that a call of `client` throws (AWS's answer, a refused connection, missing credentials)
 * with the operation and the endpoint, so that any command can say what it could not reach.
 */
export function withCallContext<C extends { middlewareStack: unknown }>(client: C): C {
  // Every client's stack takes an initialize middleware that passes its input and output through untouched.
  (client.middlewareStack as MiddlewareStack<object, MetadataBearer>).add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error !== null && typeof error === 'object' && !(KEY in error)) {
          // The endpoint middleware writes where the request goes into the context, before credentials are asked.
          const url = (context as ResolvedEndpoint).endpointV2?.url;
          const endpoint = url ? `${url.protocol}//${url.host}` : undefined;
          const call: CallContext = {
            operation: (context.commandName ?? 'call').replace(/Command$/, ''),
            endpoint,
          };
          Object.defineProperty(error, KEY, { value: call, enumerable: false });
        }
        throw error;
      }
    },
    { step: 'initialize', priority: 'high', name: 'spaCallContext', override: true },
  );
  return client;
}

/** The call an error of the SDK came from, when a client of clients.ts threw it. */
export function callContext(error: unknown): CallContext | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  return (error as { [KEY]?: CallContext })[KEY];
}
