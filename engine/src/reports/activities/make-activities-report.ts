import type { ObservedAccount } from '../../observed/types.js';
import type { Activity, ActivityStore } from '../../ports/activities.js';
import type { ReportFile } from '../../ports/report-store.js';
import type { TableWriter } from '../../ports/table-writer.js';
import { accountDirectory, accountOf } from '../costs/accounts.js';
import type { ReadmeLink } from '../costs/readme.js';
import { monthFolder } from '../costs/paths.js';
import { fileSlugs } from '../file-names.js';
import { addMonths, firstDay, formatMonth, type Month } from '../month.js';
import type { Table } from '../table.js';
import { renderActivitiesReadme } from './activities-readme.js';
import { activityTable, byCostCenter, placeActivities } from './activity-table.js';

export interface ActivitiesReportOptions {
  month: Month;
  now: Date;
  costCenterTag: string;
}

export interface ActivitiesReportDeps {
  activities: Pick<ActivityStore, 'month'>;
  /** Every account of the organization with its OU path (listed, tags not read). */
  accounts: readonly ObservedAccount[];
  /** The cost center the settings give each managed account that has one, by account id. */
  costCenters: ReadonlyMap<string, string>;
  writer: TableWriter;
}

export interface ActivitiesReport {
  folder: string;
  files: ReportFile[];
  ongoing: boolean;
  costCenters: number;
  counts: Record<Activity['kind'], number>;
}

/** The files of a month, relative to its folder, without their extension (.csv, .xlsx); names start with the month. */
export function activityFiles(m: Month) {
  const p = formatMonth(m);
  return {
    readme: 'README.md',
    all: `${p}-activities`,
    costCenter: (slug: string) => `cost-centers/${p}-${slug}-activities`,
  };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * The activities report of a month (spa report activities): on-boardings, maintenances and console logins per
 * cost center, from the activities table of the runtime, as CSV, XLSX and a README.
 */
export async function makeActivitiesReport(
  options: ActivitiesReportOptions,
  deps: ActivitiesReportDeps,
): Promise<ActivitiesReport> {
  const directory = accountDirectory(deps.accounts, options.costCenterTag, deps.costCenters);
  const recorded = await deps.activities.month(formatMonth(options.month));
  const centers = byCostCenter(placeActivities(recorded, (id) => accountOf(directory, id, new Map())));
  const folder = monthFolder('activities', options.month);
  const names = activityFiles(options.month);
  const files: ReportFile[] = [];
  const add = async (path: string, table: Table) => {
    files.push({ path: `${folder}/${path}.xlsx`, content: await deps.writer.xlsx(table) });
    files.push({ path: `${folder}/${path}.csv`, content: deps.writer.csv(table) });
  };
  await add(names.all, activityTable(centers, { total: true }));
  const slugs = fileSlugs(centers.keys());
  const costCenterFiles: { costCenter: string; links: ReadmeLink[] }[] = [];
  for (const [name, activities] of centers) {
    const path = names.costCenter(slugs.get(name)!);
    await add(path, activityTable(new Map([[name, activities]]), { total: false }));
    costCenterFiles.push({ costCenter: name, links: [{ label: 'Excel', path: `${path}.xlsx` }, { label: 'CSV', path: `${path}.csv` }] });
  }
  const ongoing = options.now.getTime() < Date.parse(`${firstDay(addMonths(options.month, 1))}T00:00:00Z`);
  const readme = renderActivitiesReadme({
    month: options.month,
    madeAt: options.now,
    ongoing,
    centers,
    files: [
      { label: 'All activities (Excel)', path: `${names.all}.xlsx` },
      { label: 'All activities (CSV)', path: `${names.all}.csv` },
    ],
    costCenterFiles,
  });
  files.push({ path: `${folder}/${names.readme}`, content: utf8(readme) });
  const count = (kind: Activity['kind']) => recorded.filter((a) => a.kind === kind).length;
  return {
    folder,
    files,
    ongoing,
    costCenters: centers.size,
    counts: {
      SuccessfulOnBoarding: count('SuccessfulOnBoarding'),
      SuccessfulMaintenance: count('SuccessfulMaintenance'),
      ConsoleLogin: count('ConsoleLogin'),
    },
  };
}
