import type { BuildStatus } from './states.js';
import type { BuildProject } from '../domain/runtime-names.js';

/** What can happen to an account, as the transition table sees it (the handlers turn events into these). */
export type Trigger =
  /** CreateAccountResult of a managed account. */
  | { kind: 'created' }
  /** MoveAccount into a managed OU. */
  | { kind: 'moved' }
  /** The <prefix>state tag set to `value` (by the runtime itself, spa apply, an operator or a person) at `at`. */
  | { kind: 'tag-set'; value: string; at: string }
  | { kind: 'build-ended'; project: BuildProject; buildId: string; status: BuildStatus }
  /** The maintenance window of the account's OU. */
  | { kind: 'window' }
  /** The sweeper found the transaction past its deadline. */
  | { kind: 'deadline' };

export type TriggerKind = Trigger['kind'];
