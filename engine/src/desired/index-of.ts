import type { DesiredIndex } from '../domain/desired-index.js';
import type { EffectiveSettings } from '../domain/model.js';
import { effectiveOf } from './chain.js';
import { mergeCsvRows, type CsvConflict } from './csv-level.js';
import { effectiveOu, type OuTree } from './ou-tree.js';
import { ouTreeOfDesired } from './ou-tree-of.js';
import type { CsvRowsData, DesiredAccount, DesiredOrganization, DesiredOu } from './types.js';

export type { DesiredIndex };

export function indexDesired(desired: DesiredOrganization): DesiredIndex {
  const csvById = new Map<string, CsvRowsData>();
  const csvByEmail = new Map<string, CsvRowsData>();
  for (const rows of desired.csvRows) (rows.kind === 'id' ? csvById : csvByEmail).set(rows.account, rows);
  return {
    desired,
    ous: new Map(desired.organizationalUnits.map((ou) => [ou.path, ou])),
    accountsByName: new Map(desired.accounts.map((a) => [a.name, a])),
    accountsByEmail: new Map(desired.accounts.map((a) => [a.email, a])),
    accountsById: new Map(desired.accounts.flatMap((a) => (a.id ? [[a.id, a] as const] : []))),
    csvById,
    csvByEmail,
  };
}

/** The nearest OU with a file on the path of `ouPath` (itself included), inner first. */
export function nearestOu(index: DesiredIndex, ouPath: string): DesiredOu | undefined {
  const nearest = effectiveOu(ouTreeOf(index), ouPath).files.at(-1);
  return nearest === undefined ? undefined : index.ous.get(nearest);
}

/** Effective `managed` of any OU path of AWS: OUs without a file take it from the nearest OU with one. */
export function isManagedPath(index: DesiredIndex, ouPath: string): boolean {
  return effectiveOu(ouTreeOf(index), ouPath).managed.value;
}

function ouTreeOf(index: DesiredIndex): OuTree {
  return ouTreeOfDesired(index.desired.settings, index.ous);
}

export interface AccountSettings {
  settings: EffectiveSettings;
  /** The CSV rows used (by file, id and email), to tell the rows that matched nothing. */
  rows: CsvRowsData[];
  conflicts: CsvConflict[];
}

/**
 * The effective settings of a managed account as AWS shows it: an account file's own (with the CSV rows that
 * name its id or email in AWS), or, for an account without a file, its OU chain and the CSV rows that name it.
 */
export function settingsForAccount(
  index: DesiredIndex,
  target: { file?: DesiredAccount; id?: string; email?: string; ouPath?: string },
): AccountSettings {
  const extra = [
    ...(target.id !== undefined && index.csvById.has(target.id) ? [index.csvById.get(target.id)!] : []),
    ...(target.email !== undefined && index.csvByEmail.has(target.email)
      ? [index.csvByEmail.get(target.email)!]
      : []),
  ];
  const file = target.file;
  if (file && extra.length === 0)
    return { settings: file.settings, rows: file.csv ? [file.csv] : [], conflicts: [] };
  const rows = [...(file?.csv ? [file.csv] : []), ...extra];
  const merged = mergeCsvRows(rows);
  const ouPath = file
    ? (file.level.fields.organizationalUnit ?? index.desired.settings.defaults?.fields.organizationalUnit)
    : target.ouPath;
  const settings = effectiveOf(index.desired, index.ous, {
    ouPath,
    ...(file ? { account: file.level } : {}),
    csv: merged.rows,
  });
  return { settings, rows, conflicts: merged.conflicts };
}
