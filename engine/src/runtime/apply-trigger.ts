import { EngineError } from '../domain/errors.js';
import { WRITES_RECORD, type Decision, type Outcome } from '../lifecycle/decision.js';
import { adoptedRecord, type AccountRecord, type AccountState } from '../lifecycle/states.js';
import { decide } from '../lifecycle/transitions.js';
import type { Trigger } from '../lifecycle/triggers.js';
import { accountContext, type AccountContext } from './account-context.js';
import type { LifecycleDeps } from './deps.js';
import { runEffects } from './effects.js';

export interface TriggerResult {
  outcome: Outcome | 'not-managed' | 'no-such-account' | 'redelivered';
  reason: string;
  state?: AccountState;
}

/** Triggers that concern only the accounts SPA manages; the others follow a record that already exists. */
const NEEDS_MANAGED = new Set<Trigger['kind']>(['created', 'moved', 'tag-set', 'window']);

/**
 * One trigger on one account, through the transition table: the record is written first (compare and set on its
 * version), then the tags, then the events and builds. A redelivery of the event of the last transition re-runs
 * its effects (tags and events are idempotent; a build is not started twice) without transitioning again.
 */
export async function applyTrigger(
  deps: LifecycleDeps,
  accountId: string,
  trigger: Trigger,
  eventId: string,
): Promise<TriggerResult> {
  const published = await deps.settings.current();
  const context = await accountContext(deps, published, accountId);
  if (!context) return { outcome: 'no-such-account', reason: `no account ${accountId} in the organization` };
  if (!context.settings && NEEDS_MANAGED.has(trigger.kind))
    return {
      outcome: 'not-managed',
      reason: `account ${accountId} (${context.ouPath || 'root'}) is not managed`,
    };
  const stateKey = published.index.desired.settings.reservedTags.state;
  const stored = await deps.records.get(accountId);
  const current =
    stored && stored.version > 0 ? stored : adoptedRecord(accountId, context.account.tags[stateKey]);

  if (current.lastEventId === eventId && current.lastEffects) {
    await runEffects(deps, run(current, context, published, eventId), redoable(current));
    return {
      outcome: 'redelivered',
      reason: 'the transition of this event was already written',
      state: current.state,
    };
  }

  const now = deps.now().toISOString();
  const decision = decide(current, trigger, {
    now,
    eventId,
    timeoutSeconds: published.index.desired.settings.runtime.transactionTimeoutSeconds,
    preparation: context.settings?.preparation.enabled.value ?? false,
    purge: context.settings?.purge.enabled.value ?? false,
  });
  const after = WRITES_RECORD[decision.outcome]
    ? await writeRecord(deps, current, decision, eventId, now)
    : current;
  const ended = decision.transaction === undefined ? current.transaction : undefined;
  await runEffects(
    deps,
    { ...run(after, context, published, eventId), transaction: after.transaction ?? ended },
    decision.effects,
  );
  deps.telemetry.log(
    decision.outcome === 'refuse' ? 'warn' : 'info',
    `${trigger.kind}: ${decision.outcome}, ${decision.reason}`,
    {
      account: accountId,
      from: current.state,
      to: after.state,
      path: decision.path,
    },
  );
  return { outcome: decision.outcome, reason: decision.reason, state: after.state };
}

/** The record after a decision, written with `version = current.version` (a conflict fails the message). */
async function writeRecord(
  deps: LifecycleDeps,
  current: AccountRecord,
  decision: Decision,
  eventId: string,
  now: string,
): Promise<AccountRecord> {
  const next: AccountRecord = {
    ...current,
    state: decision.path.at(-1) ?? current.state,
    version: current.version + 1,
    lastEventId: eventId,
    lastEffects: decision.effects,
    updatedAt: now,
  };
  if (decision.transaction !== 'keep') {
    if (decision.transaction) next.transaction = decision.transaction;
    else delete next.transaction;
  }
  if (!(await deps.records.write(next, current.version)))
    throw new EngineError(
      'record-conflict',
      `the record of ${current.accountId} changed while this event was handled: it will be handled again`,
      { source: 'system' },
    );
  return next;
}

function run(
  record: AccountRecord,
  context: AccountContext,
  published: Parameters<typeof runEffects>[1]['published'],
  eventId: string,
) {
  return { record, context, published, eventId, transaction: record.transaction };
}

/** The effects of the last transition that may run again: not a build that already has an id. */
function redoable(record: AccountRecord) {
  const started = record.transaction?.build?.id !== undefined || record.transaction?.build === undefined;
  return (record.lastEffects ?? []).filter((e) => e.kind !== 'start-build' || !started);
}
