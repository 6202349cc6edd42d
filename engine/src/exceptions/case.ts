import type { ExceptionEventDetail } from '../domain/generated/event-types.js';
import { EXCEPTION_LABELS as RULE_LABELS } from '../domain/runtime-rules.js';
import type { ExceptionLabel } from '../events/exception-event.js';

export type { ExceptionLabel };

/** One exception, whatever its source: what the issue, its comments and the channels say. */
export interface ExceptionCase {
  label: ExceptionLabel;
  /** Undefined for a message that names no account (a GenericException). */
  accountId: string | undefined;
  title: string;
  message: string;
  /** ISO 8601: when it happened. */
  time: string;
  state?: string;
  build?: ExceptionEventDetail['Build'];
  transaction?: ExceptionEventDetail['Transaction'];
  identity?: string;
}

/** The account as the issue shows it: read from Organizations, with its effective settings when managed. */
export interface AccountFacts {
  id: string;
  name: string;
  email: string;
  holder: string | undefined;
  costCenter: string | undefined;
  ouPath: string;
  state: string | undefined;
  /** The monthly budget of the effective settings, when there is one. */
  budget: { amount: number; currency: string } | undefined;
  /** The channels of the account's effective `notifications`. */
  channels: string[];
}

/** Every exception label: the kinds of issues, each with a label of its own. */
export const EXCEPTION_LABELS: readonly ExceptionLabel[] = RULE_LABELS;

/** The label of every exception issue (found by it, with the hidden marker, never by search). */
export const EXCEPTION_LABEL = {
  name: 'spa-exception',
  color: 'b60205',
  description: 'An exception of the SPA runtime (opened, commented and closed by the runtime)',
} as const;

/** The issues a released account closes: its preparation, on-boarding or maintenance is behind it. */
export const CLOSED_BY_RELEASE: readonly ExceptionLabel[] = [
  'FailedCodebuildException',
  'FailedOnBoardingException',
  'FailedMaintenanceException',
];

/** YYYY-MM of an ISO time (UTC); the time of now when it does not parse. */
export function monthOf(time: string, now: Date): string {
  const t = Date.parse(time);
  return new Date(Number.isNaN(t) ? now.getTime() : t).toISOString().slice(0, 7);
}
