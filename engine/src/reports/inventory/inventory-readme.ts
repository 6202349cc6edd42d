import { escapeMarkdown } from '../../render/markdown-escape.js';
import type { ReadmeLink } from '../costs/readme.js';
import { formatCentsGrouped, type Cents } from '../money.js';
import { overBudget, type InventoryLine } from './inventory-table.js';

export interface InventoryReadme {
  date: string;
  madeAt: Date;
  currency: string;
  window: { start: string; end: string };
  centers: ReadonlyMap<string, InventoryLine[]>;
  files: ReadmeLink[];
  requests: number;
}

const md = escapeMarkdown;
const link = (l: ReadmeLink) => `[${md(l.label)}](${l.path.split('/').map(encodeURIComponent).join('/')})`;
const budgetOf = (lines: readonly InventoryLine[]): Cents =>
  lines.reduce((s, l) => s + (typeof l.budget === 'bigint' ? l.budget : 0n), 0n);
const overOf = (lines: readonly InventoryLine[]): number => lines.filter(overBudget).length;
const costOf = (lines: readonly InventoryLine[]): Cents => lines.reduce((s, l) => s + l.monthToDate, 0n);

function states(lines: readonly InventoryLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.state, (counts.get(l.state) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${n} ${md(s)}`).join(', ');
}

/** The week's README: accounts, budgets and costs so far per cost center, the states, the accounts that cost most. */
export function renderInventoryReadme(r: InventoryReadme): string {
  const c = r.currency;
  const all = [...r.centers.values()].flat();
  const top = [...all].sort((a, b) => (a.monthToDate === b.monthToDate ? (a.id < b.id ? -1 : 1) : a.monthToDate > b.monthToDate ? -1 : 1)).slice(0, 10);
  const period = r.window.start < r.window.end ? `from ${r.window.start} to ${r.window.end} (excluded)` : 'none yet (first day of the month)';
  return [
    `# Inventory of ${r.date}`,
    '',
    `Made on ${r.madeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: every active account of the organization, ${all.length} in all (${states(all)}).`,
    `Month-to-date costs: ${period}, from Cost Explorer (${r.requests} request${r.requests === 1 ? '' : 's'}).`,
    '',
    `| Cost center | Accounts | Budgets (${c}) | Month to date (${c}) | Over budget |`,
    '|---|--:|--:|--:|--:|',
    ...[...r.centers].map(([name, lines]) => `| ${md(name)} | ${lines.length} | ${formatCentsGrouped(budgetOf(lines))} | ${formatCentsGrouped(costOf(lines))} | ${overOf(lines)} |`),
    `| **Total** | ${all.length} | ${formatCentsGrouped(budgetOf(all))} | ${formatCentsGrouped(costOf(all))} | ${overOf(all)} |`,
    '',
    '## Top accounts this month',
    '',
    `| Account | Name | Holder | Cost center | Month to date (${c}) | Budget (${c}) | |`,
    '|---|---|---|---|--:|--:|---|',
    ...top.map((l) => `| ${l.id} | ${md(l.name)} | ${md(l.holder)} | ${md(l.costCenter)} | ${formatCentsGrouped(l.monthToDate)} | ${typeof l.budget === 'bigint' ? formatCentsGrouped(l.budget) : md(l.budget ?? '')} | ${overBudget(l) ? '**over budget**' : ''} |`),
    '',
    '## Files',
    '',
    ...r.files.map((f) => `- ${link(f)}`),
    '',
  ].join('\n');
}
