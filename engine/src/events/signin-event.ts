import type { SigninEvent } from '../domain/generated/event-types.js';
import { checkEvent, type Checked } from './validate.js';

/** A console sign-in (schemas/events/signin-event.schema.json), sorted by who signed in. */
export interface ConsoleLogin {
  accountId: string;
  who: 'root' | 'iam-user' | 'assumed-role' | 'other';
  /** The user or role ARN. */
  identity: string;
  /** The role session name of an assumed role (the person, with Identity Center). */
  sessionName?: string;
  success: boolean;
  at: string;
}

export function parseSigninEvent(value: unknown): Checked<SigninEvent> {
  return checkEvent<SigninEvent>('signin-event', value);
}

const WHO: Record<string, ConsoleLogin['who']> = {
  Root: 'root',
  IAMUser: 'iam-user',
  AssumedRole: 'assumed-role',
};

export function consoleLogin(event: SigninEvent): ConsoleLogin {
  const d = event.detail;
  const identity = d.userIdentity.arn ?? d.userIdentity.principalId ?? d.userIdentity.type;
  const login: ConsoleLogin = {
    accountId: d.recipientAccountId ?? d.userIdentity.accountId ?? event.account ?? '',
    who: WHO[d.userIdentity.type] ?? 'other',
    identity,
    success: d.responseElements?.ConsoleLogin === 'Success',
    at: d.eventTime,
  };
  // arn:aws:sts::111111111111:assumed-role/<role>/<session name>
  const session = /:assumed-role\/[^/]+\/(.+)$/.exec(identity)?.[1];
  if (session !== undefined) login.sessionName = session;
  return login;
}
