import type { Ports } from '../../ports/ports.js';

/** The plain values the runtime's use cases work with besides their ports. */
export interface RuntimeContext {
  environment: string;
  /** The default bus of the automation account, given to the builds (SPA_EVENT_BUS_ARN). */
  eventBusArn: string;
  now: () => Date;
}

/** What the lifecycle use cases work through: ports only, built once per container by the hosts. */
export type LifecyclePorts = Pick<
  Ports,
  'published' | 'records' | 'reader' | 'writer' | 'ouPaths' | 'events' | 'builds' | 'telemetry'
> &
  RuntimeContext;
