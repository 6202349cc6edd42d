import type { ObservedBudget, Tags } from '../observed/types.js';
import { budgetState, sameBudget } from '../plan/budget-state.js';
import type { BudgetState, Change, TagValues } from '../plan/types.js';
import type { World } from './world.js';

/** ready: the precondition holds; done: the change is already in place; stale: AWS changed under the plan. */
export type Readiness =
  { state: 'ready' } | { state: 'done' } | { state: 'stale'; expected: string; found: string };

const READY: Readiness = { state: 'ready' };
const DONE: Readiness = { state: 'done' };
const stale = (expected: string, found: string): Readiness => ({ state: 'stale', expected, found });

/** The account id a change is about: known at plan time, or found by email once the plan has created it. */
export async function accountIdOf(change: Change, world: World): Promise<string | undefined> {
  if (change.target.accountId) return change.target.accountId;
  const email = change.target.email ?? change.precondition.email;
  return email ? (await world.accountByEmail(email))?.id : undefined;
}

/** Checks one change against AWS as it is now. Reads only what the change touches. */
export async function readiness(change: Change, world: World, environment: string): Promise<Readiness> {
  const p = change.precondition;
  switch (change.action) {
    case 'create-ou': {
      if ((await world.ouId(change.target.path!)) !== undefined) return DONE;
      const parent = p.parentPath ?? '';
      const parentPlanned = change.dependsOn.length > 0;
      if (!parentPlanned && (await world.ouId(parent)) === undefined)
        return stale(`parent OU ${parent} exists`, 'it does not');
      return READY;
    }
    case 'tag-ou': {
      const tags = await world.tagsOf(p.ouId!);
      if (!tags) return stale(`OU ${change.target.path} (${p.ouId}) exists`, 'it does not');
      return compareTags(p.tags ?? {}, change.after?.tags ?? {}, tags);
    }
    case 'create-account':
      return (await world.accountByEmail(p.email!)) ? DONE : READY;
    case 'close-account': {
      const account = await world.reader.readAccount(p.accountId!);
      if (!account) return stale(`account ${p.accountId} exists`, 'it does not');
      if (account.email !== p.email) return stale(`email ${p.email}`, `email ${account.email}`);
      return account.status === 'ACTIVE' ? READY : DONE;
    }
    case 'move-account': {
      const id = await accountIdOf(change, world);
      if (!id) return p.newAccount ? READY : stale(`account ${change.target.name} exists`, 'it does not');
      const parent = await world.parentOf(id);
      if (!parent) return stale(`account ${id} exists`, 'it does not');
      const target = await world.ouId(change.after!.organizationalUnit!);
      if (target !== undefined && parent === target) return DONE;
      const expected = p.newAccount ? await world.rootId() : p.parentId;
      return parent === expected
        ? READY
        : stale(
            `account ${id} in ${change.before?.organizationalUnit || 'the root'} (${expected})`,
            `its parent is ${parent}`,
          );
    }
    case 'tag-account': {
      const tags = await world.tagsOf(p.accountId!);
      if (!tags) return stale(`account ${p.accountId} exists`, 'it does not');
      return compareTags(p.tags ?? {}, change.after?.tags ?? {}, tags);
    }
    case 'start-lifecycle': {
      const id = await accountIdOf(change, world);
      if (!id) return READY;
      const tags = await world.tagsOf(id);
      if (!tags) return p.newAccount ? READY : stale(`account ${id} exists`, 'it does not');
      const key = Object.keys(change.after?.tags ?? {})[0];
      // The lifecycle may have started meanwhile (any state): the change is then done, not stale.
      return key !== undefined && tags[key] !== undefined ? DONE : READY;
    }
    case 'create-budget': {
      const id = await accountIdOf(change, world);
      if (!id) return READY;
      const current = await world.budget(`${environment}-${id}`);
      if (!current) return READY;
      return sameBudget(current, change.after!.budget!)
        ? DONE
        : stale('no budget yet', describeBudget(current));
    }
    case 'update-budget': {
      const current = await world.budget(change.target.name!);
      if (!current) return stale(`budget ${change.target.name} exists`, 'it does not');
      if (sameBudget(current, change.after!.budget!)) return DONE;
      return sameBudget(current, p.budget!)
        ? READY
        : stale(describeState(p.budget!), describeBudget(current));
    }
    case 'delete-budget': {
      const current = await world.budget(change.target.name!);
      if (!current) return DONE;
      return sameBudget(current, p.budget!)
        ? READY
        : stale(describeState(p.budget!), describeBudget(current));
    }
  }
}

/** Each touched key must hold its value from before the plan or the one the plan writes; other keys do not matter. */
function compareTags(before: TagValues, after: TagValues, current: Tags): Readiness {
  let done = true;
  for (const [key, old] of Object.entries(before)) {
    const now = current[key] ?? null;
    const want = after[key] ?? null;
    if (now !== want) done = false;
    if (now !== old && now !== want)
      return stale(`${key} = ${JSON.stringify(old)}`, `${key} = ${JSON.stringify(now)}`);
  }
  return done ? DONE : READY;
}

function describeState(b: BudgetState): string {
  return `${b.amount} ${b.currency}, thresholds ${b.thresholds.join('/')}, to ${b.subscribers.join(', ')}`;
}

function describeBudget(b: ObservedBudget): string {
  return describeState(budgetState(b));
}
