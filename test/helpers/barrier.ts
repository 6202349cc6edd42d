import type { Gateway } from '../support/aws-gateway.js';

type Input = Record<string, unknown>;

export interface Barrier {
  /** Resolves once `count` callers have reached the call (and been let through together). */
  reached: Promise<void>;
  /** Stops holding calls; callers still held are let through. */
  remove(): void;
}

/**
 * Holds the calls of `operation` that `matches` at the gateway until `count` of them have arrived, then lets them
 * all through at once: the callers are known to be at that call together, whatever the machine's load. Later
 * calls pass untouched. With `hold: 'answer'`, each call is first answered by moto and its answer is held instead:
 * every caller has read before any of them goes on (a read let through together could still reach moto after
 * the other caller's next write).
 */
export function barrier(
  gateway: Gateway,
  operation: string,
  count: number,
  matches: (input: Input) => boolean = () => true,
  hold: 'request' | 'answer' = 'request',
): Barrier {
  const held: (() => void)[] = [];
  let open = false;
  let onReached!: () => void;
  const reached = new Promise<void>((resolve) => (onReached = resolve));
  const release = () => {
    open = true;
    for (const go of held.splice(0)) go();
    onReached();
  };
  gateway.setIntercept(operation, async (call) => {
    const { input } = call;
    if (open || !matches(input)) return undefined;
    const answer = hold === 'answer' ? await call.forward() : undefined;
    const passed = new Promise<void>((resolve) => held.push(resolve));
    if (held.length === count) release();
    await passed;
    // An error answer is not held: the call goes to moto again and its caller gets moto's own error.
    return answer?.status === 200 ? answer.json : undefined;
  });
  return {
    reached,
    remove() {
      gateway.setIntercept(operation, undefined);
      open = true;
      for (const go of held.splice(0)) go();
    },
  };
}
