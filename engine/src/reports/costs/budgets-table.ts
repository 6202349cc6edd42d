import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCents, formatCentsGrouped } from '../money.js';
import { formatMonth, type Month } from '../month.js';
import type { Cell, Column, Table } from '../table.js';
import type { BudgetLine, BudgetsAgainstActuals } from './budgets.js';

/** Accounts in the README; the workbook has them all. */
const SHOWN = 10;

const text = (header: string, description: string): Column => ({ header, type: 'text', description });
const amount = (header: string, description: string): Column => ({ header, type: 'amount', description });

/** The budgets sheet: every account with a monthly budget, over budget first. */
export function budgetsTable(budgets: BudgetsAgainstActuals, month: Month, currency: string, metric: string): Table {
  const m = formatMonth(month);
  const columns: Column[] = [
    text('Account', 'The 12-digit account id the budget is filtered on.'),
    text('Name', 'The account name.'),
    text('Cost Center', "The account's cost center."),
    amount(`Budget (${currency})`, 'The monthly limit of the account\'s budget (AWS Budgets, DescribeBudgets).'),
    amount(`Actual (${currency})`, `${metric} of ${m}, as the summary has it.`),
    amount('Used (%)', 'The actual in percent of the budget, two decimals; empty for a budget of zero.'),
    text('Over Budget', 'over when the actual is above the budget; empty otherwise.'),
  ];
  const cells = (l: BudgetLine): Cell[] => [
    l.account.id,
    l.account.name,
    l.account.costCenter,
    { cents: l.budget },
    { cents: l.actual },
    l.usedBasisPoints === undefined ? '' : { cents: l.usedBasisPoints },
    l.over ? 'over' : '',
  ];
  return { sheet: 'Budgets', columns, rows: budgets.lines.map((l) => ({ kind: 'account', level: 0, cells: cells(l) })) };
}

/** The README's section: how many accounts went over their budget, and the accounts that used most of it. */
export function budgetsLines(budgets: BudgetsAgainstActuals, currency: string, scope: string): string[] {
  const md = escapeMarkdown;
  const over = budgets.lines.filter((l) => l.over).length;
  const all = budgets.lines.length;
  const used = (l: BudgetLine) => (l.usedBasisPoints === undefined ? '-' : `${formatCents(l.usedBasisPoints)}%`);
  const out = [
    `## Budgets against actuals (${scope})`,
    '',
    `${all} account${all === 1 ? '' : 's'} with a monthly budget, **${over} over budget**${all > SHOWN ? `; the ${SHOWN} that used most of it (all in the workbook)` : ''}.`,
  ];
  if (budgets.otherCurrency > 0)
    out.push(`${budgets.otherCurrency} budget(s) in another currency than ${currency} are not compared.`);
  if (all === 0) return out;
  return [
    ...out,
    '',
    `| Account | Name | Cost center | Budget (${currency}) | Actual (${currency}) | Used | |`,
    '|---|---|---|---:|---:|---:|---|',
    ...budgets.lines
      .slice(0, SHOWN)
      .map(
        (l) =>
          `| ${md(l.account.id)} | ${md(l.account.name)} | ${md(l.account.costCenter)} | ${formatCentsGrouped(l.budget)} | ${formatCentsGrouped(l.actual)} | ${used(l)} | ${l.over ? '**over**' : ''} |`,
      ),
  ];
}
