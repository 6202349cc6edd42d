import { escapeMarkdown } from '../../render/markdown-escape.js';
import type { ReadmeLink } from '../costs/readme.js';
import { formatCentsGrouped } from '../money.js';
import { monthName, type Month } from '../month.js';
import { durationCents, type ReportActivity } from './activity-table.js';

export interface ActivitiesReadme {
  month: Month;
  madeAt: Date;
  /** The month was not over when the report was made (the weekly report of the current month). */
  ongoing: boolean;
  centers: ReadonlyMap<string, ReportActivity[]>;
  files: ReadmeLink[];
  costCenterFiles: { costCenter: string; links: ReadmeLink[] }[];
}

const md = escapeMarkdown;
const link = (l: ReadmeLink) => `[${md(l.label)}](${l.path.split('/').map(encodeURIComponent).join('/')})`;

/** "4 (avg 42.50 min)": how many transactions of a kind, and the minutes they took on average. */
function transactions(activities: readonly ReportActivity[], kind: 'SuccessfulOnBoarding' | 'SuccessfulMaintenance'): string {
  const of = activities.filter((a) => a.activity.kind === kind);
  if (of.length === 0) return '0';
  const seconds = of.reduce((s, a) => s + (a.activity.durationSeconds ?? 0), 0);
  return `${of.length} (avg ${formatCentsGrouped(durationCents(seconds / of.length))} min)`;
}

function row(name: string, activities: readonly ReportActivity[]): string {
  const logins = activities.filter((a) => a.activity.kind === 'ConsoleLogin');
  const accounts = new Set(logins.map((a) => a.activity.accountId)).size;
  return `| ${md(name)} | ${transactions(activities, 'SuccessfulOnBoarding')} | ${transactions(activities, 'SuccessfulMaintenance')} | ${logins.length} | ${accounts} |`;
}

/** The month's README: what each cost center did, with links to every file. */
export function renderActivitiesReadme(r: ActivitiesReadme): string {
  const made = r.madeAt.toISOString().slice(0, 16).replace('T', ' ');
  const all = [...r.centers.values()].flat();
  const lines = [
    `# Activities of ${monthName(r.month)}`,
    '',
    r.ongoing
      ? `**Month to date**, made on ${made} UTC: the month is not over; the report of the whole month replaces it.`
      : `**Whole month**, made on ${made} UTC.`,
    '',
    'On-boardings and maintenances are the transactions of the account lifecycle that ended with the account',
    'released, with the minutes they took; console logins are the sign-ins through a role (root and IAM users',
    'raise exceptions instead). Each activity counts for the cost center recorded with it, else the one the',
    'account carries now.',
    '',
    '| Cost center | On-boardings | Maintenances | Console logins | Accounts signed in |',
    '|---|--:|--:|--:|--:|',
    ...[...r.centers].map(([name, activities]) => row(name, activities)),
    row('Total', all).replace(/^\| Total /, '| **Total** '),
    '',
    '## Files',
    '',
    ...r.files.map((f) => `- ${link(f)}`),
    '',
  ];
  if (r.costCenterFiles.length > 0)
    lines.push(
      '### Per cost center',
      '',
      '| Cost center | Files |',
      '|---|---|',
      ...r.costCenterFiles.map((c) => `| ${md(c.costCenter)} | ${c.links.map(link).join(' · ')} |`),
      '',
    );
  return lines.join('\n');
}
