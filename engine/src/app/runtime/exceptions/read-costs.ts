import type { AccountCosts } from '../../../domain/account-costs.js';
import { isEngineError } from '../../../domain/errors.js';
import type { CostsOutcome } from '../../../exceptions/cost-table.js';
import { parseAmount } from '../../../reports/money.js';
import { addMonths, formatMonth, monthWindow, type Month } from '../../../reports/month.js';
import type { ExceptionPorts } from './deps.js';

/**
 * The month-to-date costs of an account by service, with last month's and the forecast: read once per account
 * and day (the ledger caches them), each Cost Explorer request taken from the day's budget. When the budget is
 * spent or Cost Explorer fails, the issue says so instead of a table; the exception is never held back.
 */
export async function readCosts(
  deps: Pick<ExceptionPorts, 'costs' | 'ledger' | 'telemetry' | 'now'>,
  accountId: string,
  callsPerDay: number,
): Promise<CostsOutcome> {
  const now = deps.now();
  const day = now.toISOString().slice(0, 10);
  const cached = await deps.ledger.cachedCosts(accountId, day);
  if (cached) return { ok: true, costs: cached };
  try {
    const costs = await fromCostExplorer(deps, accountId, now);
    await deps.ledger.storeCosts(accountId, costs);
    return { ok: true, costs };
  } catch (error) {
    if (isEngineError(error) && error.code === 'cost-explorer-limit')
      return {
        ok: false,
        note: `Costs not read: the ${callsPerDay} Cost Explorer requests of ${day} (reporting.costExplorerCallsPerDay) are spent. They are read again tomorrow.`,
      };
    deps.telemetry.log('warn', `Cost Explorer failed: ${(error as Error).message}`, { account: accountId });
    return {
      ok: false,
      note: 'Costs not read: Cost Explorer failed; the next exception of the account tries again.',
    };
  }
}

async function fromCostExplorer(
  deps: Pick<ExceptionPorts, 'costs'>,
  accountId: string,
  now: Date,
): Promise<AccountCosts> {
  const current: Month = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
  const previous = addMonths(current, -1);
  // Last month and this month in one question (Cost Explorer answers a period per month): one request less.
  const before = new Map<string, bigint>();
  const to = new Map<string, bigint>();
  const { start } = monthWindow(previous);
  const { start: thisMonth, end } = monthWindow(current);
  await deps.costs.groups(
    { start, end, groupBy: ['LINKED_ACCOUNT', 'SERVICE'], withoutCredits: true, accounts: [accountId] },
    (g) => {
      if (g.account !== accountId) return;
      const into = g.period !== undefined && g.period < thisMonth ? before : to;
      into.set(g.key, (into.get(g.key) ?? 0n) + parseAmount(g.amount));
    },
  );
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  // Cost Explorer forecasts from today on: the month's forecast is what is spent so far plus the rest.
  const rest =
    tomorrow < end ? await deps.costs.forecast({ start: tomorrow, end, accounts: [accountId] }) : undefined;
  const spent = [...to.values()].reduce((a, b) => a + b, 0n);
  const forecast = rest === undefined ? undefined : exact(spent + parseAmount(rest));
  const names = [...new Set([...before.keys(), ...to.keys()])].sort();
  return {
    day: now.toISOString().slice(0, 10),
    previousMonth: formatMonth(previous),
    currentMonth: formatMonth(current),
    services: names.map((service) => ({
      service,
      previous: exact(before.get(service)),
      current: exact(to.get(service)),
    })),
    forecast,
  };
}

/** 10^-12 units back to a decimal string. */
function exact(v: bigint | undefined): string {
  const n = v ?? 0n;
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const unit = 10n ** 12n;
  return `${negative ? '-' : ''}${abs / unit}.${String(abs % unit).padStart(12, '0')}`;
}
