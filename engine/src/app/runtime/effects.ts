import { accountEvent } from '../../events/account-event.js';
import { activityEvent } from '../../events/activity-event.js';
import { exceptionEvent } from '../../events/exception-event.js';
import type { OutgoingEvent } from '../../events/outgoing.js';
import { BUILDSPEC_OF } from '../../domain/runtime-names.js';
import { EngineError } from '../../domain/errors.js';
import type { AccountRecord, AccountState, Effect, Transaction } from '../../lifecycle/states.js';
import type { PublishedSettings } from '../../ports/runtime-settings.js';
import type { AccountContext } from './account-context.js';
import { buildToken, buildVariables } from '../../runtime/build-variables.js';
import type { LifecyclePorts } from './deps.js';
import { desiredTags } from '../../changes/managed-account.js';
import { splitTags } from '../../changes/tags.js';
import { tagPolicyOf } from '../../changes/context.js';
import { diffTags } from '../../changes/tags-diff.js';

/** The state an account event says the account entered. */
const ENTERED: Partial<Record<string, AccountState>> = {
  AssignedAccount: 'assigned',
  ReleasedAccount: 'released',
  ExpiredAccount: 'expired',
};

export interface EffectRun {
  published: PublishedSettings;
  context: AccountContext;
  /** The record as written (or as it stays). */
  record: AccountRecord;
  /** The transaction the effects are about (the one that just ended, for a release). */
  transaction: Transaction | undefined;
  eventId: string;
}

/**
 * Runs the effects of a decision in order, after the record was written: tags first, then events and builds
 * (events are put in batches, flushed before a build starts and at the end).
 */
export async function runEffects(
  deps: LifecyclePorts,
  run: EffectRun,
  effects: readonly Effect[],
): Promise<void> {
  const { record } = run;
  const id = record.accountId;
  const stateKey = run.published.index.desired.settings.reservedTags.state;
  const time = deps.now().toISOString();
  let pending: OutgoingEvent[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    await deps.events.publish(pending);
    for (const e of pending) deps.telemetry.count(metricOf(e), { name: 'Label', value: e['detail-type'] });
    pending = [];
  };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'tag-settings':
        await tagSettings(deps, run);
        break;
      case 'tag-state':
        await deps.writer.tagResource(id, { [stateKey]: record.state });
        break;
      case 'emit':
      case 'exception':
      case 'activity':
        pending.push(eventOf(deps, run, effect, time));
        break;
      case 'start-build':
        await flush();
        await startBuild(deps, run, effect.project);
        break;
    }
  }
  await flush();
}

/** The event of an emit, exception or activity effect. */
function eventOf(
  deps: LifecyclePorts,
  run: EffectRun,
  effect: Extract<Effect, { kind: 'emit' | 'exception' | 'activity' }>,
  time: string,
): OutgoingEvent {
  const base = { environment: deps.environment, accountId: run.record.accountId };
  if (effect.kind === 'emit')
    return accountEvent(effect.label, {
      ...base,
      transaction: run.transaction,
      ...(ENTERED[effect.label] ? { state: ENTERED[effect.label]! } : {}),
    });
  if (effect.kind === 'exception')
    return exceptionEvent(effect.label, {
      ...base,
      title: effect.title,
      message: effect.message,
      time,
      state: run.record.state,
      transaction: run.record.transaction ?? run.transaction,
    });
  const costCenterTag = run.published.index.desired.settings.reporting.costCenterTag;
  return activityEvent({
    ...base,
    transaction: effect.transaction,
    end: time,
    costCenter: run.context.settings?.tags[costCenterTag]?.value,
  });
}

function metricOf(e: OutgoingEvent): string {
  if (e.schema === 'exception-event') return 'ExceptionsByLabel';
  if (e.schema === 'activity-event') return 'TransactionsByLabel';
  return 'AccountEventsByLabel';
}

/**
 * The account's tags brought to its effective settings by the plan's own rules (desiredTags, diffTags): declared
 * tags and the holder set, unsetTags removed, and in the authoritative mode the undeclared keys removed, so that the
 * lifecycle and the next plan never disagree about an account's tags.
 */
async function tagSettings(deps: LifecyclePorts, run: EffectRun): Promise<void> {
  const settings = run.context.settings;
  if (!settings) return;
  const global = run.published.index.desired.settings;
  const account = run.context.account;
  const diff = diffTags(
    account.tags,
    desiredTags(run.published.index.desired, { email: account.email, settings }, account.tags),
    settings.unsetTags,
    tagPolicyOf(global),
  );
  if (!diff) return;
  const { set, unset } = splitTags(diff.after);
  if (Object.keys(set).length > 0) await deps.writer.tagResource(run.record.accountId, set);
  if (unset.length > 0) await deps.writer.untagResource(run.record.accountId, unset);
}

function holderOf(run: EffectRun): string {
  const { holder: holderKey } = run.published.index.desired.settings.reservedTags;
  return (
    run.context.settings?.holder?.value ?? run.context.account.tags[holderKey] ?? run.context.account.email
  );
}

async function startBuild(
  deps: LifecyclePorts,
  run: EffectRun,
  project: keyof typeof BUILDSPEC_OF,
): Promise<void> {
  const settings = run.context.settings;
  const buildspec = run.published.buildspecs[BUILDSPEC_OF[project]];
  if (!settings || buildspec === undefined)
    throw new EngineError(
      'buildspec-missing',
      `no published buildspec ${BUILDSPEC_OF[project]}.yml for ${project}`,
      {
        source: 'system',
        hint: 'run spa publish: it writes buildspecs/*.yml to the runtime bucket',
      },
    );
  const { buildId } = await deps.builds.start({
    accountId: run.record.accountId,
    project,
    buildspec,
    variables: buildVariables(project, settings, {
      accountId: run.record.accountId,
      environment: deps.environment,
      holder: holderOf(run),
      eventBusArn: deps.eventBusArn,
    }),
    idempotencyToken: buildToken(run.eventId, project),
  });
  deps.telemetry.log('info', `started ${project} build ${buildId}`, {
    account: run.record.accountId,
    buildId,
  });
  // Remember the build, so that state changes of older builds are told apart; a lost race only loses the id.
  const tx = run.record.transaction;
  if (tx?.build?.project !== project) return;
  const next: AccountRecord = {
    ...run.record,
    version: run.record.version + 1,
    transaction: { ...tx, build: { project, id: buildId } },
    updatedAt: deps.now().toISOString(),
  };
  if (await deps.records.write(next, run.record.version)) run.record = next;
}
