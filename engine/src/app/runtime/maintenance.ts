import type {
  AccountMessage,
  MaintenanceMessage,
  OuPageMessage,
  WindowMessage,
} from '../../events/maintenance-message.js';
import { windowOfOu } from '../../lifecycle/maintenance-windows.js';
import type { Ports } from '../../ports/ports.js';
import { managedSettings } from './account-context.js';
import { applyTrigger } from './apply-trigger.js';
import type { LifecyclePorts } from './deps.js';
import type { HandledResult } from './on-organizations-event.js';

/** The lifecycle's ports, with the queue of the fan-out and the pages of accounts it reads. */
export type MaintenancePorts = LifecyclePorts & Pick<Ports, 'queue' | 'pages'>;

export type MaintenanceResult = HandledResult | { outcome: 'fanned-out'; reason: string; messages: number };

/**
 * The maintenance window, fanned out through the queue so that no invocation does more than one page of work:
 * the window sends one message per OU whose effective window it is, each OU page one message per managed
 * account (and one for its next page), and each account message runs the window through the transition table.
 */
export async function onMaintenanceMessage(
  deps: MaintenancePorts,
  message: MaintenanceMessage,
): Promise<MaintenanceResult> {
  if (message.kind === 'window') return fanOutWindow(deps, message);
  if (message.kind === 'ou-page') return fanOutPage(deps, message);
  return maintainAccount(deps, message);
}

async function fanOutWindow(deps: MaintenancePorts, m: WindowMessage): Promise<MaintenanceResult> {
  const { index } = await deps.published.current();
  // Recomputed from the settings of now: the schedule only names the window.
  const pages: OuPageMessage[] = [...(await deps.ouPaths.all()).values()]
    .filter((ou) => windowOfOu(index, ou.path) === m.window)
    .map((ou) => ({
      kind: 'ou-page',
      window: m.window,
      executionId: m.executionId,
      ouPath: ou.path,
      ouId: ou.id,
    }));
  await deps.queue.send(pages.map((p) => JSON.stringify(p)));
  deps.telemetry.log('info', `window ${m.window}: ${pages.length} OU(s)`, {
    window: m.window,
    ous: pages.map((p) => p.ouPath),
  });
  return {
    outcome: 'fanned-out',
    reason: `${pages.length} OU(s) of window ${m.window}`,
    messages: pages.length,
  };
}

async function fanOutPage(deps: MaintenancePorts, m: OuPageMessage): Promise<MaintenanceResult> {
  const published = await deps.published.current();
  const page = await deps.pages.page(m.ouId, m.nextToken);
  const accounts: AccountMessage[] = page.accounts
    .filter((a) => managedSettings(published, a, m.ouPath) !== undefined)
    .map((a) => ({ kind: 'account', window: m.window, executionId: m.executionId, accountId: a.id }));
  const next: OuPageMessage[] = page.nextToken ? [{ ...m, nextToken: page.nextToken }] : [];
  await deps.queue.send([...next, ...accounts].map((x) => JSON.stringify(x)));
  return {
    outcome: 'fanned-out',
    reason: `${accounts.length} account(s) of ${m.ouPath}${next.length ? ', and its next page' : ''}`,
    messages: accounts.length + next.length,
  };
}

function maintainAccount(deps: MaintenancePorts, m: AccountMessage): Promise<HandledResult> {
  return applyTrigger(deps, m.accountId, { kind: 'window' }, `window:${m.executionId}:${m.accountId}`);
}
