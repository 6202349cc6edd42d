import { escapeMarkdown } from '../../render/markdown-escape.js';
import { formatCentsGrouped, type Cents } from '../money.js';
import { formatMonth, monthName, type Month, type ReportStatus } from '../month.js';
import type { ReportAccount } from './accounts.js';
import type { CostCenterDifference } from './cost-centers.js';
import { differenceLines } from './differences.js';
import { pieChart } from './pie-chart.js';

export interface ReadmeLink {
  label: string;
  /** Relative to the month's folder. */
  path: string;
}

/** Everything the month's README says, computed by the report. */
export interface CostReadme {
  month: Month;
  status: ReportStatus;
  finalFrom: string;
  madeAt: Date;
  currency: string;
  includeCredits: boolean;
  /** reporting.costMetric: the Cost Explorer metric of every amount. */
  metric: string;
  /** Sections shown after the cost centers, each rendered by its own module (trend...). */
  sections: string[];
  costCenters: { name: string; cents: Cents; previous: Cents | undefined }[];
  total: Cents;
  previous: { month: Month; source: 'report' | 'cost-explorer'; total: Cents } | undefined;
  topAccounts: { account: ReportAccount; cents: Cents }[];
  charges: { recordType: string; cents: Cents }[];
  chargesTotal: Cents;
  /** Report totals against Cost Explorer's own totals of the month. */
  checks: { label: string; report: Cents; costExplorer: Cents }[];
  files: ReadmeLink[];
  costCenterFiles: { costCenter: string; links: ReadmeLink[] }[];
  rates: { currency: string; rate: string }[];
  ratesSource: string | undefined;
  requests: number;
  /** Managed accounts whose settings give another cost center than Cost Explorer charged. */
  differences: readonly CostCenterDifference[];
}

const md = escapeMarkdown;
const link = (l: ReadmeLink) => `[${md(l.label)}](${l.path.split('/').map(encodeURIComponent).join('/')})`;

function change(now: Cents, before: Cents | undefined): string {
  if (before === undefined) return 'new';
  const diff = now - before;
  const sign = diff > 0n ? '+' : '';
  if (before === 0n) return `${sign}${formatCentsGrouped(diff)}`;
  const percent = (Number(diff) / Number(before < 0n ? -before : before)) * 100;
  return `${sign}${formatCentsGrouped(diff)} (${percent > 0 ? '+' : ''}${percent.toFixed(1)}%)`;
}

function statusLines(r: CostReadme): string[] {
  const made = r.madeAt.toISOString().slice(0, 10);
  return r.status === 'final'
    ? [`**Final report**, made on ${made}: Cost Explorer's figures of the month are settled.`]
    : [
        `**Preliminary report**, made on ${made}: Cost Explorer may still change the figures of the month.`,
        `The final report replaces it from ${r.finalFrom} on.`,
      ];
}

function costCenterTable(r: CostReadme): string[] {
  const c = r.currency;
  const last = r.previous ? formatMonth(r.previous.month) : 'last month';
  const out = [`| Cost center | ${c} | ${md(last)} | Change |`, '|---|---:|---:|---:|'];
  for (const cc of r.costCenters) {
    const before = r.previous ? (cc.previous ?? undefined) : undefined;
    out.push(
      `| ${md(cc.name)} | ${formatCentsGrouped(cc.cents)} | ${before === undefined ? '-' : formatCentsGrouped(before)} | ${r.previous ? change(cc.cents, cc.previous) : '-'} |`,
    );
  }
  const previousTotal = r.previous?.total;
  out.push(
    `| **Total** | **${formatCentsGrouped(r.total)}** | ${previousTotal === undefined ? '-' : formatCentsGrouped(previousTotal)} | ${previousTotal === undefined ? '-' : change(r.total, previousTotal)} |`,
  );
  return out;
}

function topAccounts(r: CostReadme): string[] {
  const out = [`| # | Account | Name | Cost center | Organizational unit | ${r.currency} |`, '|---:|---|---|---|---|---:|'];
  r.topAccounts.forEach((t, i) =>
    out.push(
      `| ${i + 1} | ${md(t.account.id)} | ${md(t.account.name)} | ${md(t.account.costCenter)} | ${md(t.account.ou)} | ${formatCentsGrouped(t.cents)} |`,
    ),
  );
  return out;
}

function chargesLines(r: CostReadme): string[] {
  const out = [`| Record type | ${r.currency} |`, '|---|---:|'];
  for (const ch of r.charges) out.push(`| ${md(ch.recordType)} | ${formatCentsGrouped(ch.cents)} |`);
  out.push(`| **Charges** | **${formatCentsGrouped(r.chargesTotal)}** |`);
  return out;
}

function checkLines(r: CostReadme): string[] {
  const out = ['| Figure | This report | Cost Explorer | |', '|---|---:|---:|---|'];
  for (const c of r.checks)
    out.push(
      `| ${md(c.label)} | ${formatCentsGrouped(c.report)} | ${formatCentsGrouped(c.costExplorer)} | ${c.report === c.costExplorer ? 'equal' : '**differs**'} |`,
    );
  return out;
}

/** README.md of a month's folder: what a person reads first on GitHub. */
export function renderCostReadme(r: CostReadme): string {
  const name = monthName(r.month);
  const scope = `${r.metric}, ${r.includeCredits ? 'credits and refunds included' : 'without credits and refunds'}`;
  const chart = pieChart(
    `Costs per cost center, ${name} (${r.currency})`,
    r.costCenters.map((c) => ({ label: c.name, cents: c.cents })),
  );
  const previousNote = r.previous
    ? `Last month's figures come from ${r.previous.source === 'report' ? `the summary of ${formatMonth(r.previous.month)} in this repository` : 'Cost Explorer'}, grouped by today's cost centers.`
    : 'No figures of last month were found.';
  const source = `Cost centers are the cost allocation tag as Cost Explorer saw it when each cost was incurred.`;
  const sections = [
    `# Costs of ${name}`,
    '',
    ...statusLines(r),
    '',
    `## Cost centers (${scope})`,
    '',
    ...costCenterTable(r),
    '',
    `${source} ${previousNote}`,
    ...(chart ? ['', chart] : []),
    '',
    ...(r.sections.length > 0 ? [...r.sections, ''] : []),
    '## Top 10 accounts',
    '',
    ...topAccounts(r),
    '',
    `## Charges (${r.metric}, every record type, credits and refunds included)`,
    '',
    ...chargesLines(r),
    '',
    ...differenceLines(r.differences),
    '## Checks',
    '',
    `Every total below is Cost Explorer's own total of the month (${r.metric}, ${formatMonth(r.month)}), to the cent.`,
    'Each amount of the report is its exact value rounded up or down to the cent so that every subtotal is exactly',
    'the sum of its rows (largest remainder); amounts are summed as exact decimals, never as floats.',
    '',
    ...checkLines(r),
    '',
    `Cost Explorer requests for this report: ${r.requests} (USD ${(r.requests / 100).toFixed(2)}).`,
    '',
    '## Files',
    '',
    ...r.files.map((f) => `- ${link(f)}`),
    ...ratesLines(r),
    '',
    '### Per cost center',
    '',
    '| Cost center | Services | Usage types |',
    '|---|---|---|',
    ...r.costCenterFiles.map((c) => `| ${md(c.costCenter)} | ${c.links.slice(0, 2).map(link).join(' ')} | ${c.links.slice(2).map(link).join(' ')} |`),
    '',
  ];
  return sections.join('\n');
}

function ratesLines(r: CostReadme): string[] {
  if (r.rates.length === 0) return [];
  const rates = r.rates.map((x) => `1 ${r.currency} = ${x.rate} ${md(x.currency)}`).join(', ');
  return ['', `Exchange rates: ${rates}${r.ratesSource ? ` (from ${md(r.ratesSource)})` : ''}.`];
}
