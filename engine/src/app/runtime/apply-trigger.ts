import { EngineError } from '../../domain/errors.js';
import {
  WRITES_RECORD,
  type Decision,
  type DecisionContext,
  type Outcome,
} from '../../lifecycle/decision.js';
import { adoptedRecord, isState, type AccountRecord, type AccountState } from '../../lifecycle/states.js';
import { decide } from '../../lifecycle/transitions.js';
import type { Trigger } from '../../lifecycle/triggers.js';
import { accountContext, type AccountContext } from './account-context.js';
import { adoptAccount } from './adopt.js';
import type { LifecyclePorts } from './deps.js';
import { runEffects } from './effects.js';

export interface TriggerResult {
  outcome: Outcome | 'not-managed' | 'no-such-account' | 'redelivered' | 'no-longer-true';
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
  deps: LifecyclePorts,
  accountId: string,
  trigger: Trigger,
  eventId: string,
): Promise<TriggerResult> {
  const published = await deps.published.current();
  const context = await accountContext(deps, published, accountId);
  if (!context) return { outcome: 'no-such-account', reason: `no account ${accountId} in the organization` };
  if (!context.settings && NEEDS_MANAGED.has(trigger.kind))
    return {
      outcome: 'not-managed',
      reason: `account ${accountId} (${context.ouPath || 'root'}) is not managed`,
    };
  const stateKey = published.index.desired.settings.reservedTags.state;
  const tag = context.account.tags[stateKey];
  const stale = staleRequest(trigger, stateKey, tag);
  if (stale) return stale;
  const stored = await deps.records.get(accountId);
  const known = stored && stored.version > 0 ? stored : adoptedRecord(accountId, tag);

  if (known.lastEventId === eventId && known.lastEffects) {
    await runEffects(deps, run(known, context, published, eventId), redoable(known));
    return {
      outcome: 'redelivered',
      reason: 'the transition of this event was already written',
      state: known.state,
    };
  }

  const now = deps.now().toISOString();
  const ctx = {
    now,
    eventId,
    timeoutSeconds: published.index.desired.settings.runtime.transactionTimeoutSeconds,
    preparation: context.settings?.preparation.enabled.value ?? false,
    purge: context.settings?.purge.enabled.value ?? false,
  };
  const { record: current, decision } = await judge(deps, { record: known, context, tag, trigger, ctx });
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

/** A TagResource event is a request, not a fact: what counts is the tag AWS shows now. */
function staleRequest(
  trigger: Trigger,
  stateKey: string,
  tag: string | undefined,
): TriggerResult | undefined {
  if (trigger.kind !== 'tag-set' || tag === trigger.value) return undefined;
  return {
    outcome: 'no-longer-true',
    reason: `the event sets ${stateKey} = ${trigger.value}, AWS shows ${tag === undefined ? 'no such tag' : tag} now`,
  };
}

/**
 * The table's decision. First sight of an account in the lifecycle without a record: it is adopted in the state
 * AWS shows, then judged from it. An account shown vanilla that this event on-boards needs no adoption: the
 * on-boarding writes its record.
 */
async function judge(
  deps: LifecyclePorts,
  input: {
    record: AccountRecord;
    context: AccountContext;
    tag: string | undefined;
    trigger: Trigger;
    ctx: DecisionContext;
  },
): Promise<{ record: AccountRecord; decision: Decision }> {
  const { record, tag, trigger, ctx } = input;
  const decision = decide(record, trigger, ctx);
  const unrecorded = record.version === 0 && input.context.settings !== undefined && tag !== undefined;
  if (!unrecorded || !isState(tag) || (tag === 'vanilla' && decision.outcome === 'transition'))
    return { record, decision };
  const adopted = await adoptAccount(deps, record.accountId, record.state, { now: ctx.now, by: 'runtime' });
  return { record: adopted, decision: decide(adopted, trigger, ctx) };
}

/** The record after a decision, written with `version = current.version` (a conflict fails the message). */
async function writeRecord(
  deps: LifecyclePorts,
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
