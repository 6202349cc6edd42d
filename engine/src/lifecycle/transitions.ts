import { PREPARATION_PROJECT, PURGE_PROJECT } from '../domain/runtime-names.js';
import type { AccountRecord, Effect, Transaction, TransactionKind } from './states.js';
import { isState } from './states.js';
import { MANUAL_TRANSITIONS, type Decision, type DecisionContext } from './decision.js';
import type { Trigger } from './triggers.js';

const nothing = (outcome: 'ignore' | 'restore', reason: string): Decision => ({
  outcome,
  reason,
  path: [],
  transaction: 'keep',
  effects: outcome === 'restore' ? [{ kind: 'tag-state' }] : [],
});

function begin(kind: TransactionKind, ctx: DecisionContext): Transaction {
  const deadline = new Date(Date.parse(ctx.now) + ctx.timeoutSeconds * 1000).toISOString();
  return { kind, id: `${kind}:${ctx.eventId}`, begin: ctx.now, deadline };
}

/** From `assigned` on: the preparation build, or `released` at once when preparation is disabled. */
function prepare(tx: Transaction, ctx: DecisionContext): Pick<Decision, 'path' | 'transaction' | 'effects'> {
  if (ctx.preparation)
    return {
      path: ['assigned'],
      transaction: { ...tx, build: { project: PREPARATION_PROJECT } },
      effects: [{ kind: 'start-build', project: PREPARATION_PROJECT }],
    };
  return {
    path: ['assigned', 'released'],
    transaction: undefined,
    effects: [
      { kind: 'emit', label: 'ReleasedAccount' },
      { kind: 'activity', transaction: tx },
    ],
  };
}

function onBoard(reason: string, ctx: DecisionContext): Decision {
  const tx = begin('on-boarding', ctx);
  const next = prepare(tx, ctx);
  return {
    outcome: 'transition',
    reason,
    path: next.path,
    transaction: next.transaction,
    effects: [
      { kind: 'tag-settings' },
      { kind: 'tag-state' },
      { kind: 'emit', label: 'CreatedAccount' },
      { kind: 'emit', label: 'AssignedAccount' },
      ...next.effects,
    ],
  };
}

/** From `expired` once purged (or at once when purge is disabled): back to `assigned`, then preparation. */
function afterPurge(tx: Transaction, ctx: DecisionContext, purged: boolean): Decision {
  const { build: _build, ...rest } = tx;
  const next = prepare(rest, ctx);
  return {
    outcome: 'transition',
    reason: purged ? 'the purge succeeded' : 'purge is disabled',
    path: next.path,
    transaction: next.transaction,
    effects: [
      { kind: 'tag-settings' },
      { kind: 'tag-state' },
      ...(purged ? [{ kind: 'emit', label: 'PurgedAccount' } as const] : []),
      { kind: 'emit', label: 'AssignedAccount' },
      ...next.effects,
    ],
  };
}

function maintain(reason: string, ctx: DecisionContext): Decision {
  const tx = begin('maintenance', ctx);
  const expired: Effect = { kind: 'emit', label: 'ExpiredAccount' };
  if (ctx.purge)
    return {
      outcome: 'transition',
      reason,
      path: ['expired'],
      transaction: { ...tx, build: { project: PURGE_PROJECT } },
      effects: [{ kind: 'tag-state' }, expired, { kind: 'start-build', project: PURGE_PROJECT }],
    };
  // Purge disabled: on to assigned at once; the tag is written once, with the state the account ends in.
  const next = afterPurge(tx, ctx, false);
  return { ...next, reason, path: ['expired', ...next.path], effects: [expired, ...next.effects] };
}

function release(record: AccountRecord, reason: string): Decision {
  const tx = record.transaction;
  return {
    outcome: 'transition',
    reason,
    path: ['released'],
    transaction: undefined,
    effects: [
      { kind: 'tag-state' },
      { kind: 'emit', label: 'ReleasedAccount' },
      ...(tx ? [{ kind: 'activity', transaction: tx } as const] : []),
    ],
  };
}

function refuse(record: AccountRecord, value: string): Decision {
  const allowed = Object.entries(MANUAL_TRANSITIONS)
    .filter(([, from]) => from.length > 0)
    .map(([to, from]) => `${to} (from ${from.join(', ')})`)
    .join('; ');
  const message = `The state tag of account ${record.accountId} was set to "${value}" while the account is ${record.state}. This change is not allowed, and the tag was put back to ${record.state}. Allowed changes: ${allowed}.`;
  return {
    outcome: 'refuse',
    reason: `"${value}" is not allowed from ${record.state}`,
    path: [],
    transaction: 'keep',
    effects: [
      ...(record.version > 0 ? [{ kind: 'tag-state' } as const] : []),
      { kind: 'exception', label: 'GenericException', title: 'Refused change of account state', message },
    ],
  };
}

function onTag(record: AccountRecord, value: string, at: string, ctx: DecisionContext): Decision {
  const tx = record.transaction;
  if (value !== 'vanilla' && value === record.state)
    return nothing('ignore', `the tag already says ${value}`);
  // A request made before the last transition did not know of it (spa apply's vanilla on an account that the
  // runtime on-boarded meanwhile, a delayed echo of an earlier tag write): it is not applied.
  if (record.updatedAt !== undefined && Date.parse(at) <= Date.parse(record.updatedAt))
    return nothing('ignore', `a tag of ${at}, older than the last transition (${record.updatedAt})`);
  if (!isState(value) || !MANUAL_TRANSITIONS[value].includes(record.state)) return refuse(record, value);
  if (value === 'vanilla') {
    if (tx?.kind === 'on-boarding' && tx.failedAt === undefined)
      return nothing('restore', 'the on-boarding is already under way');
    return onBoard('the state tag was set to vanilla', ctx);
  }
  if (value === 'expired') return maintain('the state tag was set to expired', ctx);
  return release(record, 'the state tag was set to released');
}

function onBuild(
  record: AccountRecord,
  trigger: Extract<Trigger, { kind: 'build-ended' }>,
  ctx: DecisionContext,
): Decision {
  const tx = record.transaction;
  if (trigger.status === 'IN_PROGRESS') return nothing('ignore', 'the build is still running');
  const expected = record.state === 'assigned' ? PREPARATION_PROJECT : PURGE_PROJECT;
  if (!tx || (record.state !== 'assigned' && record.state !== 'expired') || trigger.project !== expected)
    return nothing('ignore', `a ${trigger.project} build ended while the account is ${record.state}`);
  if (tx.build?.id !== undefined && tx.build.id !== trigger.buildId)
    return nothing('ignore', `build ${trigger.buildId} is not the build of the transaction (${tx.build.id})`);
  if (trigger.status !== 'SUCCEEDED') {
    const message = `The ${trigger.project} build ${trigger.buildId} of account ${record.accountId} ended with status ${trigger.status} during its ${tx.kind}. The account stays ${record.state}: inspect the build log in the account, then set its state tag (vanilla to on-board again, released to release it).`;
    return {
      outcome: 'update',
      reason: `the build ${trigger.status}`,
      path: [],
      transaction: {
        ...tx,
        build: { project: trigger.project, id: trigger.buildId, status: trigger.status },
      },
      effects: [
        {
          kind: 'exception',
          label: 'FailedCodebuildException',
          title: `${trigger.project} build ${trigger.status}`,
          message,
        },
      ],
    };
  }
  if (record.state === 'assigned') {
    const released = release(record, 'the preparation succeeded');
    return { ...released, effects: [{ kind: 'emit', label: 'PreparedAccount' }, ...released.effects] };
  }
  return afterPurge(tx, ctx, true);
}

function onWindow(record: AccountRecord, ctx: DecisionContext): Decision {
  if (record.state === 'released') return maintain('the maintenance window', ctx);
  const tx = record.transaction;
  const doing = tx ? ` (${tx.kind} since ${tx.begin}${tx.failedAt ? ', reported stuck' : ''})` : '';
  return {
    outcome: 'report',
    reason: `the account is ${record.state}`,
    path: [],
    transaction: 'keep',
    effects: [
      {
        kind: 'exception',
        label: 'FailedMaintenanceException',
        title: 'Account not maintained: it is not released',
        message: `The maintenance window found account ${record.accountId} ${record.state}${doing} instead of released, and did not maintain it. Release it (spa accounts release) or on-board it again (spa accounts reset).`,
      },
    ],
  };
}

function onDeadline(record: AccountRecord, ctx: DecisionContext): Decision {
  const tx = record.transaction;
  if (!tx || tx.failedAt !== undefined || Date.parse(tx.deadline) > Date.parse(ctx.now))
    return nothing('ignore', 'no open transaction past its deadline');
  const label = tx.kind === 'on-boarding' ? 'FailedOnBoardingException' : 'FailedMaintenanceException';
  const build = tx.build?.id
    ? ` The last build is ${tx.build.id} (${tx.build.status ?? 'no status received'}).`
    : '';
  return {
    outcome: 'update',
    reason: 'the transaction passed its deadline',
    path: [],
    transaction: { ...tx, failedAt: ctx.now },
    effects: [
      {
        kind: 'exception',
        label,
        title: `The ${tx.kind} of account ${record.accountId} has timed out`,
        message: `The ${tx.kind} of account ${record.accountId}, begun at ${tx.begin}, was not over by its deadline ${tx.deadline}: the account is ${record.state}, not released.${build}`,
      },
    ],
  };
}

/**
 * The account lifecycle as one table: state x trigger -> decision (DESIGN.md section 6, CONVENTIONS.md habit 7).
 *
 *   vanilla --on-board--> assigned --preparation succeeded--> released
 *   released --window--> expired --purge succeeded--> assigned --preparation succeeded--> released
 *
 * A disabled preparation or purge is skipped at once. Pure: the runtime writes the record (compare and set on
 * its version), then runs the effects in order.
 */
export function decide(record: AccountRecord, trigger: Trigger, ctx: DecisionContext): Decision {
  switch (trigger.kind) {
    case 'created':
    case 'moved':
      return record.state === 'vanilla'
        ? onBoard(
            trigger.kind === 'created' ? 'the account was created' : 'the account moved into a managed OU',
            ctx,
          )
        : nothing('ignore', `the account is already in the lifecycle (${record.state})`);
    case 'tag-set':
      return onTag(record, trigger.value, trigger.at, ctx);
    case 'build-ended':
      return onBuild(record, trigger, ctx);
    case 'window':
      return onWindow(record, ctx);
    case 'deadline':
      return onDeadline(record, ctx);
  }
}
