import type { ManagedAccount } from '../changes/managed-account.js';
import { settingsForAccount } from '../desired/index-of.js';
import type { CsvRowsData, DesiredAccount } from '../desired/types.js';
import type { ObservedAccount } from '../observed/types.js';
import type { PlanContext } from '../changes/context.js';

/**
 * The effective settings of a managed account as AWS shows it, with the CSV rows that name it (by file, id
 * and email): records the rows used, and reports values two rows give differently.
 */
export function settingsAtPlan(
  ctx: PlanContext,
  used: Set<CsvRowsData>,
  target: { file?: DesiredAccount; observed?: ObservedAccount },
): ManagedAccount['settings'] {
  const obs = target.observed;
  const found = settingsForAccount(ctx.desired, {
    ...(target.file ? { file: target.file } : {}),
    ...(obs ? { id: obs.id, email: obs.email, ouPath: obs.ouPath } : {}),
  });
  for (const rows of found.rows) used.add(rows);
  for (const conflict of found.conflicts) {
    const [a, b] = conflict.values as [
      { value: string; file: string; line: number },
      { value: string; file: string; line: number },
    ];
    ctx.findings.push({
      kind: 'csv-conflict',
      severity: 'error',
      message: `CSV rows give ${conflict.key} = "${a.value}" (${a.file}:${a.line}) and "${b.value}" (${b.file}:${b.line}) for account ${obs?.id ?? target.file?.name}`,
      file: b.file,
      line: b.line,
      ...(obs ? { accountId: obs.id } : {}),
    });
  }
  return found.settings;
}
