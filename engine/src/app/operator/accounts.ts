import { indexDesired } from '../../desired/index-of.js';
import type { DesiredOrganization } from '../../desired/types.js';
import { inOu, type AccountView } from '../../lifecycle/account-view.js';
import { checkAccounts, type AccountFinding } from '../../lifecycle/check-accounts.js';
import { stateRequests, type StateRequest } from '../../lifecycle/state-requests.js';
import type { AccountState } from '../../lifecycle/states.js';
import { unrecordedAccounts } from '../../lifecycle/unrecorded.js';
import type { Ports } from '../../ports/ports.js';
import { adoptAccount } from '../runtime/adopt.js';
import { accountViews } from './account-views.js';
import { requestStates } from './request-states.js';

/** What `spa accounts` reads: Organizations (management account) and the records table (automation account). */
export type AccountsPorts = Pick<Ports, 'reader' | 'records'>;

export interface AccountRow {
  id: string;
  name: string;
  ou: string;
  state: string;
  transaction: string;
  lastConsoleLogin: string;
}

/** `spa accounts list`: the managed accounts with their state (tag and record), transaction and last login. */
export async function listAccounts(
  ports: AccountsPorts,
  desired: DesiredOrganization,
  filter: { ou?: string | undefined; state?: string | undefined },
): Promise<AccountRow[]> {
  const stateKey = desired.settings.reservedTags.state;
  const views = (await accountViews(ports, indexDesired(desired))).filter(
    (v) =>
      v.settings !== undefined &&
      inOu(v, filter.ou) &&
      (filter.state === undefined || (v.tags[stateKey] ?? 'none') === filter.state),
  );
  return views.map((v) => ({
    id: v.id,
    name: v.name,
    ou: v.ouPath,
    state: v.tags[stateKey] ?? 'none',
    transaction: v.record?.transaction
      ? `${v.record.transaction.kind} until ${v.record.transaction.deadline}${v.record.transaction.failedAt ? ' (stuck)' : ''}`
      : '',
    lastConsoleLogin: v.record?.lastConsoleLogin
      ? `${v.record.lastConsoleLogin.at} ${v.record.lastConsoleLogin.identity}`
      : '',
  }));
}

/** `spa accounts check`: the original's CheckAccounts over the managed accounts. */
export async function checkManagedAccounts(
  ports: AccountsPorts,
  desired: DesiredOrganization,
  now: string,
): Promise<{ findings: AccountFinding[]; managed: number }> {
  const views = await accountViews(ports, indexDesired(desired));
  return {
    findings: checkAccounts(views, desired.settings.reservedTags, now),
    managed: views.filter((v) => v.settings !== undefined).length,
  };
}

/** An account named by id, name or email. */
export function matches(view: AccountView, account: string): boolean {
  return view.id === account || view.name === account || view.email === account.toLowerCase();
}

/**
 * `spa accounts reset|release|expire`: the requests of the accounts named (one account, or those below an OU),
 * each judged by the transition table; with `yes`, the state tag is set on those it allows.
 */
export async function requestAccountStates(
  ports: AccountsPorts & Pick<Ports, 'writer' | 'events' | 'telemetry'>,
  desired: DesiredOrganization,
  value: AccountState,
  input: {
    account?: string | undefined;
    ou?: string | undefined;
    yes: boolean;
    now: string;
    by: 'spa accounts reset' | 'spa accounts release' | 'spa accounts expire';
  },
): Promise<StateRequest[]> {
  const settings = desired.settings;
  const views = (await accountViews(ports, indexDesired(desired))).filter((v) =>
    input.account !== undefined ? matches(v, input.account) : inOu(v, input.ou),
  );
  const ctx = { now: input.now, stateKey: settings.reservedTags.state };
  const requests = stateRequests(views, value, {
    ...ctx,
    timeoutSeconds: settings.runtime.transactionTimeoutSeconds,
  });
  if (input.yes && requests.length > 0)
    await requestStates({ ...ports, environment: desired.environment }, requests, value, {
      ...ctx,
      by: input.by,
    });
  return requests;
}

/**
 * `spa accounts adopt`: the managed accounts in the lifecycle that the runtime has no record of, below `ou`;
 * with `yes`, their records are written in the state their tag shows, and AdoptedAccount goes on the bus.
 */
export async function adoptUnrecorded(
  ports: AccountsPorts & Pick<Ports, 'events' | 'telemetry'>,
  desired: DesiredOrganization,
  input: { ou?: string | undefined; yes: boolean; now: () => string },
  onAccount: (view: AccountView, state: AccountState, done: number, total: number) => void,
): Promise<{ found: number; managed: number }> {
  const stateKey = desired.settings.reservedTags.state;
  const views = (await accountViews(ports, indexDesired(desired))).filter((v) => inOu(v, input.ou));
  const found = unrecordedAccounts(views, stateKey);
  let done = 0;
  for (const { view, state } of found) {
    if (input.yes) {
      const adopt = { environment: desired.environment, ...ports };
      await adoptAccount(adopt, view.id, state, { now: input.now(), by: 'spa accounts adopt' });
      done++;
    }
    onAccount(view, state, done, found.length);
  }
  return { found: found.length, managed: views.filter((v) => v.settings !== undefined).length };
}
