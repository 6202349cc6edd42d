import { EngineError } from '../domain/errors.js';
import { formatProvenance } from '../domain/source.js';
import type { PlanContext } from './context.js';
import { sortKeys } from './tags-diff.js';
import { accountRows, tagRows } from './display-rows.js';
import { change, DONE, READY, refused, type ChangeKind, type ExecuteContext, type Executed } from './kind.js';
import { desiredTags, type ManagedAccount } from './managed-account.js';
import { sameRecord } from './ou-tags.js';
import type { ChangeOf } from './kind.js';
import type { CreateAccountOutcome } from '../ports/organization.js';

/** Creates the account of a file that matches no account; returns the change key. */
export function planCreateAccount(ctx: PlanContext, account: ManagedAccount): string {
  const ou = account.settings.organizationalUnit!;
  const tags = desiredTags(ctx.desired.desired, account, undefined);
  const provenance: Record<string, string> = { organizationalUnit: formatProvenance(ou.source) };
  for (const [k, v] of Object.entries(tags)) provenance[`tags.${k}`] = formatProvenance(v.source);
  const planned = change(createAccount, {
    address: account.address,
    reason: 'missing',
    summary: `create ${account.name} (${account.email}) in ${ou.value}`,
    target: {
      kind: 'account',
      name: account.name,
      email: account.email,
      ...(account.file ? { file: account.file.file } : {}),
    },
    before: null,
    after: {
      name: account.name,
      email: account.email,
      organizationalUnit: ou.value,
      tags: sortKeys(Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, v.value]))),
    },
    provenance,
    dependsOn: [],
    precondition: { absent: true },
  });
  ctx.changes.push(planned);
  return planned.key;
}

export const createAccount: ChangeKind<'create-account'> = {
  action: 'create-account',
  sign: '+',
  destructive: false,
  order: 30,
  touchesAccount: true,
  rows: (c) => [...tagRows(c), ...accountRows(c)],
  async check(change, { world, desired }) {
    const file = desired.accountsByName.get(change.target.name);
    if (!file) return refused(`no account file is named ${change.target.name}`);
    if (file.id !== undefined || file.settings.closed.value)
      return refused(`${file.file} does not ask for a new account`);
    const tags = desiredTags(desired.desired, { email: file.email, settings: file.settings }, undefined);
    if (
      change.target.email !== file.email ||
      change.after.email !== file.email ||
      change.after.name !== file.name ||
      change.after.organizationalUnit !== file.settings.organizationalUnit?.value ||
      !sameRecord(Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, v.value])), change.after.tags)
    )
      return refused(`${file.file} does not ask for the account the plan creates`);
    return (await world.accountByEmail(change.after.email)) ? DONE : READY;
  },
  execute: createAccount_,
};

/** Starts the creation (or picks up the one in progress under this name) and waits for its outcome. */
async function creationOutcome(
  change: ChangeOf<'create-account'>,
  ctx: ExecuteContext,
): Promise<CreateAccountOutcome> {
  const { world, writer, clock } = ctx;
  const { email, name } = change.after;
  const tags = Object.fromEntries(
    Object.entries(change.after.tags).filter((e): e is [string, string] => e[1] !== null),
  );
  const pending = (await world.reader.creationsInProgress()).find((c) => c.accountName === name);
  let outcome: CreateAccountOutcome = pending
    ? { state: 'IN_PROGRESS', requestId: pending.requestId }
    : await writer.startCreateAccount(email, name, tags);
  const deadline = clock.now().getTime() + ctx.createTimeoutMs;
  while (outcome.state === 'IN_PROGRESS') {
    if (clock.now().getTime() > deadline)
      throw new EngineError(
        'create-timeout',
        `the creation of ${name} is still in progress after ${ctx.createTimeoutMs / 1000} s`,
        { source: 'system', hint: 'run plan and apply again later: the creation is picked up where it is' },
      );
    await clock.sleep(ctx.pollMs);
    outcome = await writer.createAccountStatus(outcome.requestId);
  }
  return outcome;
}

/** What a finished creation means: the new account, the one that has the email already, or a failure. */
async function settle(
  change: ChangeOf<'create-account'>,
  outcome: Exclude<CreateAccountOutcome, { state: 'IN_PROGRESS' }>,
  ctx: ExecuteContext,
): Promise<Executed> {
  const { email, name } = change.after;
  if (outcome.state === 'SUCCEEDED') {
    await ctx.world.addAccount(email, { id: outcome.accountId, name, status: 'ACTIVE' });
    return { changed: true, message: `created account ${outcome.accountId}`, resourceId: outcome.accountId };
  }
  if (outcome.reason !== 'EMAIL_ALREADY_EXISTS')
    throw new EngineError('create-account-failed', `AWS could not create ${name}: ${outcome.reason}`, {
      source: 'system',
    });
  // Another run (or a lost answer) created it, or the email belongs to an account of another organization.
  const found = await ctx.world.accountByEmail(email, true);
  if (found)
    return { changed: false, message: `account ${found.id} has the email ${email}`, resourceId: found.id };
  throw new EngineError(
    'email-already-exists',
    `AWS refuses to create ${name}: the email ${email} belongs to an AWS account outside this organization`,
    {
      source: 'user',
      hint: `give ${change.target.file ?? 'the account file'} another email, or invite that account into the organization`,
    },
  );
}

/**
 * CreateAccount is the one call that must never run twice for one email: before the first try and before
 * any retry, look for the account by email and for a request in progress under its name. An answer
 * EMAIL_ALREADY_EXISTS is resolved by looking the account up.
 */
async function createAccount_(change: ChangeOf<'create-account'>, ctx: ExecuteContext): Promise<Executed> {
  const { email, name } = change.after;
  let lastError: unknown;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const existing = await ctx.world.accountByEmail(email, attempt > 1);
    if (existing)
      return {
        changed: attempt > 1,
        message: `account ${existing.id} has the email ${email}`,
        resourceId: existing.id,
      };
    let outcome: CreateAccountOutcome;
    try {
      outcome = await creationOutcome(change, ctx);
    } catch (error) {
      if (error instanceof EngineError && error.code === 'create-timeout') throw error;
      lastError = error;
      await ctx.clock.sleep(ctx.pollMs * attempt);
      continue;
    }
    if (outcome.state !== 'IN_PROGRESS') return settle(change, outcome, ctx);
  }
  throw new EngineError('create-account-failed', `the creation of ${name} failed 5 times`, {
    source: 'system',
    cause: lastError,
  });
}
