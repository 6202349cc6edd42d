import { EngineError } from '../domain/errors.js';
import type { Tags } from '../observed/types.js';
import type { DesiredBudget } from '../ports/budgets.js';
import type { Clock } from '../ports/clock.js';
import type { OrganizationWriter } from '../ports/organization.js';
import type { Change, TagValues } from '../plan/types.js';
import { sameBudget } from '../plan/budget-state.js';
import { accountIdOf } from './preconditions.js';
import type { World } from './world.js';

export interface ExecuteContext {
  world: World;
  writer: OrganizationWriter;
  clock: Clock;
  environment: string;
  /** Wait between two reads of a CreateAccount request in progress. */
  pollMs: number;
  /** Give up waiting for a CreateAccount request after this long. */
  createTimeoutMs: number;
}

export interface Executed {
  /** false when AWS already was as the change wants it. */
  changed: boolean;
  message: string;
  resourceId?: string;
}

function split(after: TagValues): { set: Tags; unset: string[] } {
  const set: Tags = {};
  const unset: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (value === null) unset.push(key);
    else set[key] = value;
  }
  return { set, unset };
}

async function requireAccountId(change: Change, ctx: ExecuteContext): Promise<string> {
  const id =
    (await accountIdOf(change, ctx.world)) ??
    (await ctx.world.accountByEmail(change.target.email ?? '', true))?.id;
  if (!id)
    throw new EngineError(
      'account-not-found',
      `account ${change.target.name} (${change.target.email}) does not exist`,
      { source: 'system' },
    );
  return id;
}

/** Runs one change; every path is idempotent, so that running an interrupted plan again converges. */
export async function execute(change: Change, ctx: ExecuteContext): Promise<Executed> {
  const { world, writer } = ctx;
  switch (change.action) {
    case 'create-ou': {
      const path = change.target.path!;
      const existing = await world.ouId(path);
      if (existing) return { changed: false, message: `OU ${path} exists`, resourceId: existing };
      const parentPath = change.after!.parentPath ?? '';
      const parentId = await world.ouId(parentPath);
      if (!parentId)
        throw new EngineError('parent-ou-missing', `parent OU ${parentPath} of ${path} does not exist`, {
          source: 'system',
        });
      const tags = Object.fromEntries(
        Object.entries(change.after!.tags ?? {}).filter((e): e is [string, string] => e[1] !== null),
      );
      try {
        const ou = await writer.createOu(parentId, change.after!.name!, tags);
        await world.addOu({ ...ou, path });
        return { changed: true, message: `created OU ${path}`, resourceId: ou.id };
      } catch (error) {
        // A lost answer may hide a success: look again before failing.
        const tree = await world.reader.readOuTree();
        const found = tree.ous.get(path);
        if (!found) throw error;
        await world.addOu(found);
        return { changed: true, message: `created OU ${path}`, resourceId: found.id };
      }
    }
    case 'tag-ou':
    case 'tag-account': {
      const id = change.action === 'tag-ou' ? change.precondition.ouId! : await requireAccountId(change, ctx);
      const { set, unset } = split(change.after!.tags ?? {});
      await writer.tagResource(id, set);
      await writer.untagResource(id, unset);
      return {
        changed: true,
        message: [
          Object.keys(set).length ? `set ${Object.keys(set).join(', ')}` : '',
          unset.length ? `removed ${unset.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
        resourceId: id,
      };
    }
    case 'create-account':
      return createAccount(change, ctx);
    case 'move-account': {
      const id = await requireAccountId(change, ctx);
      const destination = await world.ouId(change.after!.organizationalUnit!);
      if (!destination)
        throw new EngineError('ou-missing', `OU ${change.after!.organizationalUnit} does not exist`, {
          source: 'system',
        });
      const source = await world.parentOf(id, true);
      if (source === destination)
        return { changed: false, message: `already in ${change.after!.organizationalUnit}`, resourceId: id };
      await writer.moveAccount(id, source!, destination);
      return { changed: true, message: `moved to ${change.after!.organizationalUnit}`, resourceId: id };
    }
    case 'start-lifecycle': {
      const id = await requireAccountId(change, ctx);
      const [stateKey, value] = Object.entries(change.after!.tags!)[0] as [string, string];
      // Compare and set: the lifecycle owns the state once it exists.
      const tags = await world.tagsOf(id, true);
      if (tags?.[stateKey] !== undefined)
        return { changed: false, message: `${stateKey} is already ${tags[stateKey]}`, resourceId: id };
      await writer.tagResource(id, { [stateKey]: value });
      return { changed: true, message: `${stateKey} = ${value}`, resourceId: id };
    }
    case 'close-account': {
      const id = change.precondition.accountId!;
      const account = await world.reader.readAccount(id);
      if (account && account.status !== 'ACTIVE')
        return { changed: false, message: `already ${account.status}`, resourceId: id };
      await writer.closeAccount(id);
      return { changed: true, message: 'closed (suspended; AWS deletes it after 90 days)', resourceId: id };
    }
    case 'create-budget':
    case 'update-budget': {
      const id = await requireAccountId(change, ctx);
      const name = change.target.name ?? `${ctx.environment}-${id}`;
      const want = change.after!.budget!;
      const desired: DesiredBudget = {
        name,
        accountId: id,
        amount: want.amount,
        currency: want.currency,
        notifications: want.thresholds.map((threshold) => ({ threshold, subscribers: want.subscribers })),
      };
      let current = await world.budget(name, true);
      if (!current) {
        if (await world.budgetStore.createBudget(desired))
          return { changed: true, message: `created ${name}`, resourceId: name };
        current = await world.budget(name, true);
      }
      if (!current)
        throw new EngineError('budget-missing', `budget ${name} could not be created nor read`, {
          source: 'system',
        });
      if (sameBudget(current, want))
        return { changed: false, message: `${name} is up to date`, resourceId: name };
      await world.budgetStore.updateBudget(desired, current);
      return { changed: true, message: `updated ${name}`, resourceId: name };
    }
    case 'delete-budget': {
      await world.budgetStore.deleteBudget(change.target.name!);
      return { changed: true, message: `deleted ${change.target.name}`, resourceId: change.target.name! };
    }
  }
}

/**
 * CreateAccount is the one call that must never run twice for one email: before the first try and before
 * any retry, look for the account by email and for a request in progress under its name.
 */
async function createAccount(change: Change, ctx: ExecuteContext): Promise<Executed> {
  const { world, writer, clock } = ctx;
  const email = change.after!.email!;
  const name = change.after!.name!;
  const tags = Object.fromEntries(
    Object.entries(change.after!.tags ?? {}).filter((e): e is [string, string] => e[1] !== null),
  );
  let lastError: unknown;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const existing = await world.accountByEmail(email, attempt > 1);
    if (existing)
      return {
        changed: attempt > 1,
        message: `account ${existing.id} has the email ${email}`,
        resourceId: existing.id,
      };
    const pending = (await world.reader.creationsInProgress()).find((c) => c.accountName === name);
    let outcome;
    try {
      outcome = pending
        ? { state: 'IN_PROGRESS' as const, requestId: pending.requestId }
        : await writer.startCreateAccount(email, name, tags);
      const deadline = clock.now().getTime() + ctx.createTimeoutMs;
      while (outcome.state === 'IN_PROGRESS') {
        if (clock.now().getTime() > deadline)
          throw new EngineError(
            'create-timeout',
            `the creation of ${name} is still in progress after ${ctx.createTimeoutMs / 1000} s`,
            {
              source: 'system',
              hint: 'run plan and apply again later: the creation is picked up where it is',
            },
          );
        await clock.sleep(ctx.pollMs);
        outcome = await writer.createAccountStatus(outcome.requestId);
      }
    } catch (error) {
      if (error instanceof EngineError && error.code === 'create-timeout') throw error;
      lastError = error;
      await clock.sleep(ctx.pollMs * attempt);
      continue;
    }
    if (outcome.state === 'SUCCEEDED') {
      await world.addAccount(email, { id: outcome.accountId, name, status: 'ACTIVE' });
      return {
        changed: true,
        message: `created account ${outcome.accountId}`,
        resourceId: outcome.accountId,
      };
    }
    if (outcome.reason === 'EMAIL_ALREADY_EXISTS') continue;
    throw new EngineError('create-account-failed', `AWS could not create ${name}: ${outcome.reason}`, {
      source: 'system',
    });
  }
  throw new EngineError('create-account-failed', `the creation of ${name} failed 5 times`, {
    source: 'system',
    cause: lastError,
  });
}
