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
 * calls pass untouched.
 */
export function barrier(
  gateway: Gateway,
  operation: string,
  count: number,
  matches: (input: Input) => boolean = () => true,
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
  gateway.setIntercept(operation, async ({ input }) => {
    if (open || !matches(input)) return undefined;
    const passed = new Promise<void>((resolve) => held.push(resolve));
    if (held.length === count) release();
    await passed;
    return undefined;
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
