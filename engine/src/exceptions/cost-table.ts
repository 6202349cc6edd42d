import type { AccountCosts } from '../domain/account-costs.js';
import { escapeMarkdown } from '../render/markdown-escape.js';
import { formatCentsGrouped, parseAmount, toCents } from '../reports/money.js';

export type { AccountCosts };

/** Costs, or why there are none (the day's budget of Cost Explorer calls spent, Cost Explorer failing). */
export type CostsOutcome = { ok: true; costs: AccountCosts } | { ok: false; note: string };

const money = (amount: string) => formatCentsGrouped(toCents(parseAmount(amount)));
const sum = (values: string[]) => values.reduce((s, v) => s + parseAmount(v), 0n);

/** The Markdown of the cost section: a table by service, the totals, the budget and the forecast. */
export function costSection(
  outcome: CostsOutcome,
  budget: { amount: number; currency: string } | undefined,
): string {
  const head = '### Costs of the account';
  if (!outcome.ok) return `${head}\n\n${escapeMarkdown(outcome.note)}`;
  const c = outcome.costs;
  const rows = [...c.services]
    .sort(
      (a, b) => Number(parseAmount(b.current) - parseAmount(a.current)) || (a.service < b.service ? -1 : 1),
    )
    .map((s) => `| ${escapeMarkdown(s.service)} | ${money(s.previous)} | ${money(s.current)} |`);
  const total = (pick: (s: AccountCosts['services'][number]) => string) =>
    formatCentsGrouped(toCents(sum(c.services.map(pick))));
  const lines = [
    head,
    '',
    `USD, Cost Explorer UnblendedCost by service, credits and refunds left out; read on ${c.day}.`,
    '',
    `| Service | ${c.previousMonth} | ${c.currentMonth} (to date) |`,
    '|---|---:|---:|',
    ...(rows.length > 0 ? rows : ['| (no costs) | 0.00 | 0.00 |']),
    `| **Total** | **${total((s) => s.previous)}** | **${total((s) => s.current)}** |`,
    '',
    budget ? `Budget: ${budget.amount.toFixed(2)} ${escapeMarkdown(budget.currency)} a month.` : 'No budget.',
    c.forecast !== undefined
      ? `Forecast of ${c.currentMonth}: ${money(c.forecast)} USD.`
      : `Cost Explorer gave no forecast of ${c.currentMonth}.`,
  ];
  return lines.join('\n');
}
