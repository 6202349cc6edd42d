import type { Ports } from '../../../ports/ports.js';
import type { RuntimeContext } from '../deps.js';

/**
 * What the exceptions handler works through: ports only, built once per container by the hosts. `budgets` and
 * `costs` are those of the management account (a budget alert counts only for a budget of this environment
 * there; every Cost Explorer request is first taken from the ledger's daily budget); `eventBusArn` is the
 * central bus, whose account is the only sender of SPA's own events.
 */
export type ExceptionPorts = Pick<
  Ports,
  | 'budgets'
  | 'published'
  | 'reader'
  | 'ouPaths'
  | 'costs'
  | 'ledger'
  | 'tracker'
  | 'channels'
  | 'texts'
  | 'telemetry'
> &
  RuntimeContext;
