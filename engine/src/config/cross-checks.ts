import { diagnostic, fileStart, warning, type Diagnostic } from '../domain/diagnostic.js';
import type { AccountEntry, CsvAccountRows, CsvCell, OuEntry, SettingsModel } from '../domain/model.js';
import type { PositionIndex } from '../domain/source.js';
import { cellSite } from './csv-cells.js';
import type { CsvRow } from './csv-file.js';
import { OUS_DIR } from './layout.js';
import { locationOf, siteOf } from './locate.js';
import { quote, suggest } from './message-words.js';
import { pointerOf } from './pointer.js';
import { SETTINGS_DEFAULTS } from './resolve-settings.js';
import { checkSchedule } from './schedule.js';

interface Context {
  settings: SettingsModel['settings'] | undefined;
  ous: Map<string, OuEntry>;
  accounts: AccountEntry[];
  csvRows: CsvRow[];
  diagnostics: Diagnostic[];
}

/** A file that gives account settings: settings.yaml (below /defaults), an OU file or an account file. */
interface LevelFile {
  file: string;
  positions: PositionIndex;
  prefix: string;
  fields: {
    costCenter?: string | undefined;
    tags?: Record<string, string> | undefined;
    unsetTags?: string[] | undefined;
  };
}

/** Checks that span files; returns the CSV rows merged per account. */
export function crossCheck(ctx: Context): CsvAccountRows[] {
  const { diagnostics: out } = ctx;
  const resolved = ctx.settings?.resolved;
  const prefix = resolved?.tagPolicy.prefix ?? SETTINGS_DEFAULTS.tagPrefix;
  const reserved = [`${prefix}state`, `${prefix}holder`];
  const costCenterTag = resolved?.reporting.costCenterTag ?? SETTINGS_DEFAULTS.costCenterTag;

  const levels: LevelFile[] = [];
  if (ctx.settings?.value.defaults) {
    levels.push({
      file: ctx.settings.file,
      positions: ctx.settings.positions,
      prefix: '/defaults',
      fields: ctx.settings.value.defaults,
    });
  }
  for (const ou of ctx.ous.values())
    levels.push({ file: ou.file, positions: ou.positions, prefix: '', fields: ou.value });
  for (const a of ctx.accounts)
    levels.push({ file: a.file, positions: a.positions, prefix: '', fields: a.value });
  for (const level of levels) checkLevel(level, reserved, costCenterTag, out);

  checkOus(ctx, out);
  checkAccounts(ctx, out);
  if (ctx.settings?.value.maintenanceWindow) {
    checkScheduleAt(
      ctx.settings.file,
      ctx.settings.positions,
      '/maintenanceWindow',
      ctx.settings.value.maintenanceWindow,
      out,
    );
  }
  return mergeCsv(ctx, reserved, costCenterTag);
}

function checkLevel(level: LevelFile, reserved: string[], costCenterTag: string, out: Diagnostic[]): void {
  const { fields, file, positions, prefix } = level;
  const tags = fields.tags ?? {};
  if (
    fields.costCenter !== undefined &&
    tags[costCenterTag] !== undefined &&
    tags[costCenterTag] !== fields.costCenter
  ) {
    out.push(
      diagnostic(siteOf(file, positions, `${prefix}/costCenter`), {
        code: 'cost-center-conflict',
        summary: `costCenter is "${fields.costCenter}" but tags.${costCenterTag} is "${tags[costCenterTag]}" in the same file`,
        value: fields.costCenter,
        allowed: `costCenter and tags.${costCenterTag} set the same tag: give one of them, or the same value`,
        hint: `remove tags.${costCenterTag} and keep costCenter`,
        related: [locationOf(file, positions, `${prefix}/tags/${costCenterTag}`)],
      }),
    );
  }
  for (const key of Object.keys(tags)) {
    if (!reserved.includes(key)) continue;
    const pointer = `${prefix}${pointerOf(['tags', key])}`;
    out.push(
      diagnostic(siteOf(file, positions, pointer, true), {
        code: 'reserved-tag',
        summary: `tag "${key}" is reserved: ${key.endsWith('state') ? 'the account lifecycle owns it' : 'it comes from holder'}`,
        value: key,
        allowed: `any key but ${reserved.join(' and ')}`,
        hint: key.endsWith('holder')
          ? 'write the holder\'s email in the account file\'s "holder" field'
          : 'remove this tag; the lifecycle sets it',
      }),
    );
  }
  const unset = fields.unsetTags ?? [];
  unset.forEach((key, i) => {
    const pointer = `${prefix}${pointerOf(['unsetTags', i])}`;
    if (reserved.includes(key)) {
      out.push(
        diagnostic(siteOf(file, positions, pointer), {
          code: 'reserved-tag',
          summary: `tag "${key}" is reserved and cannot be unset`,
          value: key,
          allowed: `any key but ${reserved.join(' and ')}`,
          hint: 'remove it from unsetTags',
        }),
      );
    }
    const setHere = tags[key] !== undefined || (key === costCenterTag && fields.costCenter !== undefined);
    if (setHere) {
      out.push(
        diagnostic(siteOf(file, positions, pointer), {
          code: 'tag-set-and-unset',
          summary: `tag "${key}" is both set and unset in this file`,
          value: key,
          allowed: 'a key either in tags or in unsetTags',
          hint: `remove "${key}" from tags or from unsetTags`,
        }),
      );
    }
  });
}

function checkOus(ctx: Context, out: Diagnostic[]): void {
  const channels = ctx.settings ? Object.keys(ctx.settings.resolved.notifications) : undefined;
  for (const ou of ctx.ous.values()) {
    const slash = ou.path.lastIndexOf('/');
    if (slash > 0) {
      const parent = ou.path.slice(0, slash);
      if (!ctx.ous.has(parent)) {
        out.push(
          diagnostic(fileStart(ou.file), {
            code: 'missing-parent-ou',
            summary: `the parent OU "${parent}" of "${ou.path}" has no file`,
            value: parent,
            allowed: 'every OU on the path has a file',
            hint: `create ${OUS_DIR}${parent}.yaml (it may hold only its schema comment and "managed: false")`,
          }),
        );
      }
    }
    if (ou.value.maintenanceWindow)
      checkScheduleAt(ou.file, ou.positions, '/maintenanceWindow', ou.value.maintenanceWindow, out);
    // Without a valid settings.yaml the channels are unknown: its own diagnostics say why.
    if (channels === undefined) continue;
    (ou.value.notifications ?? []).forEach((name, i) => {
      if (channels.includes(name)) return;
      const pointer = pointerOf(['notifications', i]);
      const guess = suggest(name, channels);
      out.push(
        diagnostic(siteOf(ou.file, ou.positions, pointer), {
          code: 'unknown-channel',
          summary: `notification channel "${name}" is not defined in settings.yaml${guess ? `; did you mean "${guess}"?` : ''}`,
          value: name,
          allowed:
            channels && channels.length > 0
              ? `one of ${channels.join(', ')}`
              : 'a channel defined under notifications in settings.yaml',
          hint: guess ? `write "${guess}"` : `define "${name}" under notifications in settings.yaml`,
        }),
      );
    });
  }
}

function checkScheduleAt(
  file: string,
  positions: PositionIndex,
  pointer: string,
  expression: string,
  out: Diagnostic[],
): void {
  const result = checkSchedule(expression);
  if (result.ok) return;
  out.push(
    diagnostic(siteOf(file, positions, pointer), {
      code: 'invalid-schedule',
      summary: `maintenanceWindow ${quote(expression)} is not a valid EventBridge schedule: ${result.reason}`,
      value: expression,
      allowed:
        'cron(minutes hours day-of-month month day-of-week year), with ? in day-of-month or day-of-week; or rate(value unit)',
      hint: 'for example cron(0 18 ? * SAT *) (Saturdays at 18:00 UTC) or rate(7 days)',
    }),
  );
}

function checkAccounts(ctx: Context, out: Diagnostic[]): void {
  const byName = new Map<string, AccountEntry>();
  const byEmail = new Map<string, AccountEntry>();
  const byId = new Map<string, AccountEntry>();
  const known = [...ctx.ous.keys()].sort();
  const settings = ctx.settings;
  const defaultOu = settings?.value.defaults?.organizationalUnit;
  if (settings && defaultOu !== undefined && !ctx.ous.has(defaultOu)) {
    out.push(unknownOu(settings.file, settings.positions, '/defaults/organizationalUnit', defaultOu, known));
  }
  for (const a of ctx.accounts) {
    const v = a.value;
    if (v.name !== a.fileName) {
      out.push(
        diagnostic(siteOf(a.file, a.positions, '/name'), {
          code: 'name-mismatch',
          summary: `name "${v.name}" differs from the file name "${a.fileName}"`,
          value: v.name,
          allowed: `"${a.fileName}" (the file name without .yaml)`,
          hint: `rename the file to ${a.file.slice(0, a.file.lastIndexOf('/') + 1)}${v.name}.yaml, or set name: ${a.fileName}`,
        }),
      );
    }
    duplicate(
      out,
      byName,
      v.name.toLowerCase(),
      a,
      '/name',
      'duplicate-name',
      `account name "${v.name}"`,
      'names are compared without case',
    );
    duplicate(
      out,
      byEmail,
      v.email.toLowerCase(),
      a,
      '/email',
      'duplicate-email',
      `email "${v.email}"`,
      'emails are compared lowercase',
    );
    if (v.id)
      duplicate(
        out,
        byId,
        v.id,
        a,
        '/id',
        'duplicate-id',
        `account id "${v.id}"`,
        'each AWS account has one file',
      );
    if (v.organizationalUnit !== undefined) {
      if (!ctx.ous.has(v.organizationalUnit))
        out.push(unknownOu(a.file, a.positions, '/organizationalUnit', v.organizationalUnit, known));
    } else if (defaultOu === undefined && settings) {
      out.push(
        diagnostic(fileStart(a.file, '/organizationalUnit'), {
          code: 'missing-ou',
          summary: 'the account has no organizationalUnit, and settings.yaml defaults give none',
          allowed:
            known.length > 0
              ? `one of ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`
              : 'an OU path',
          hint: 'add "organizationalUnit: <OU path>" to the account file, or defaults.organizationalUnit to settings.yaml',
        }),
      );
    }
  }
}

function duplicate(
  out: Diagnostic[],
  index: Map<string, AccountEntry>,
  key: string,
  a: AccountEntry,
  pointer: string,
  code: string,
  what: string,
  rule: string,
): void {
  const first = index.get(key);
  if (!first) {
    index.set(key, a);
    return;
  }
  out.push(
    diagnostic(siteOf(a.file, a.positions, pointer), {
      code: code,
      summary: `${what} is already used by ${first.file}`,
      value: key,
      allowed: `a value no other account file uses (${rule})`,
      hint:
        code === 'duplicate-name'
          ? 'rename one of the two files'
          : 'keep one file per account: remove or correct one of the two',
      related: [locationOf(first.file, first.positions, pointer)],
    }),
  );
}

function unknownOu(
  file: string,
  positions: PositionIndex,
  pointer: string,
  path: string,
  known: string[],
): Diagnostic {
  const guess = suggest(path, known);
  return diagnostic(siteOf(file, positions, pointer), {
    code: 'unknown-ou',
    summary: `organizationalUnit "${path}" does not exist${guess ? `; did you mean "${guess}"?` : ''}`,
    value: path,
    allowed:
      known.length > 0
        ? `known: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''}`
        : 'no OU file exists yet',
    hint: guess
      ? `write "${guess}", or create ${OUS_DIR}${path}.yaml`
      : `create ${OUS_DIR}${path}.yaml, or correct the path`,
  });
}

/** Merges the CSV rows per account: later files only add, two different values for one key are an error. */
function mergeCsv(ctx: Context, reserved: string[], costCenterTag: string): CsvAccountRows[] {
  const out = ctx.diagnostics;
  const byId = new Map<string, AccountEntry>();
  const byEmail = new Map<string, AccountEntry>();
  for (const a of ctx.accounts) {
    if (a.value.id) byId.set(a.value.id, a);
    byEmail.set(a.value.email.toLowerCase(), a);
  }
  const merged = new Map<string, CsvAccountRows & { entry: AccountEntry | undefined }>();
  const reportedHeaders = new Set<string>();
  for (const row of ctx.csvRows) {
    const entry = row.account.kind === 'id' ? byId.get(row.account.value) : byEmail.get(row.account.value);
    const key = entry ? `file:${entry.file}` : `${row.account.kind}:${row.account.value}`;
    let target = merged.get(key);
    if (!target) {
      target = {
        account: row.account.value,
        kind: row.account.kind,
        source: row.account.source,
        cells: new Map(),
        entry,
      };
      if (entry) target.accountFile = entry.file;
      merged.set(key, target);
      if (!entry) {
        out.push(
          warning(
            { file: row.file, line: row.line, column: 1, pointer: pointerOf([row.line, 'Account']) },
            {
              code: 'csv-unmatched-row',
              summary: `no account file has the ${row.account.kind} "${row.account.value}"`,
              value: row.account.value,
              allowed: 'the id or email of an account file, or of an account below a managed OU',
              hint: 'if the account is below a managed OU, the plan applies the row; otherwise the plan reports it as an error. Check for a typo.',
            },
          ),
        );
      }
    }
    for (const cell of row.cells) {
      if (cell.key.startsWith('tag:') && reserved.includes(cell.key.slice(4))) {
        const id = `${row.file}|${cell.header}`;
        if (!reportedHeaders.has(id)) {
          reportedHeaders.add(id);
          out.push(
            diagnostic(fileStart(row.file, pointerOf([0, cell.header])), {
              code: 'reserved-tag',
              summary: `column "${cell.header}" sets a reserved tag`,
              value: cell.header,
              allowed: `any key but ${reserved.join(' and ')}`,
              hint: 'remove the column: the lifecycle owns the state tag, and holder comes from the account file',
            }),
          );
        }
        continue;
      }
      const provenance: CsvCell = {
        value: cell.value,
        source: { file: row.file, line: cell.line },
        column: cell.column,
        pointer: cell.pointer,
      };
      const previous = target.cells.get(cell.key);
      if (previous) {
        if (previous.value !== cell.value) {
          out.push(
            diagnostic(cellSite(row.file, cell), {
              code: 'csv-conflict',
              summary: `"${cell.header}" of ${row.account.value} is "${cell.value}" here but "${previous.value}" in ${previous.source.file}:${previous.source.line}`,
              value: cell.value,
              allowed: 'one value per account and column across all CSV files',
              hint: 'agree on one value and remove the other (or leave one cell empty: an empty cell has no opinion)',
              related: [{ file: previous.source.file, line: previous.source.line, column: previous.column }],
            }),
          );
        }
        continue;
      }
      target.cells.set(cell.key, provenance);
      if (target.entry) overrideWarning(target.entry, cell.key, cell.header, provenance, costCenterTag, out);
    }
  }
  return [...merged.values()].map(({ entry: _entry, ...rows }) => rows);
}

function overrideWarning(
  entry: AccountEntry,
  key: string,
  header: string,
  cell: CsvCell,
  costCenterTag: string,
  out: Diagnostic[],
): void {
  const v = entry.value;
  let pointer: string | undefined;
  let current: unknown;
  if (key.startsWith('tag:')) {
    const tag = key.slice(4);
    if (v.tags?.[tag] !== undefined) [pointer, current] = [pointerOf(['tags', tag]), v.tags[tag]];
    else if (tag === costCenterTag && v.costCenter !== undefined)
      [pointer, current] = ['/costCenter', v.costCenter];
  } else if (key === 'budget' && v.budget?.amount !== undefined) {
    [pointer, current] = ['/budget/amount', v.budget.amount];
  } else if (key === 'note' && v.note !== undefined) {
    [pointer, current] = ['/note', v.note];
  } else if (key.startsWith('preparation:') || key.startsWith('purge:')) {
    const [task, name] = key.split(':') as ['preparation' | 'purge', string];
    const value = v[task]?.variables?.[name];
    if (value !== undefined) [pointer, current] = [pointerOf([task, 'variables', name]), value];
  }
  if (
    pointer === undefined ||
    String(current) === cell.value ||
    (key === 'budget' && Number(current) === Number(cell.value))
  )
    return;
  out.push(
    warning(
      { file: cell.source.file, line: cell.source.line, column: cell.column, pointer: cell.pointer },
      {
        code: 'csv-overrides-account',
        summary: `"${header}" = "${cell.value}" overrides ${quote(current)} written in ${entry.file}`,
        value: cell.value,
        allowed: 'CSV columns are authoritative for what they declare',
        hint: `remove the value from ${entry.file} (or from the CSV) so that one place owns it`,
        related: [locationOf(entry.file, entry.positions, pointer)],
      },
    ),
  );
}
