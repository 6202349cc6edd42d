import { locate } from '../config/schema-validator.js';
import type {
  AccountEntry,
  CsvAccountRows,
  LevelFields,
  SettingsLevel,
  SettingsModel,
} from '../domain/model.js';
import type { PositionIndex, Provenance } from '../domain/source.js';
import { pointerOf } from '../config/pointer.js';
import { ouChain } from './ou-tree.js';

function yamlLevel(
  kind: SettingsLevel['kind'],
  file: string,
  positions: PositionIndex,
  prefix: string,
  fields: LevelFields,
  part?: string,
): SettingsLevel {
  return {
    kind,
    fields,
    sourceOf(pointer: string): Provenance {
      const { line } = locate(positions, prefix + pointer);
      return part ? { file, line, part } : { file, line };
    },
  };
}

function csvLevel(rows: CsvAccountRows): SettingsLevel {
  const fields: LevelFields = {};
  const sources = new Map<string, Provenance>();
  for (const [key, cell] of rows.cells) {
    if (key === 'note') {
      fields.note = cell.value;
      sources.set('/note', cell.source);
    } else if (key === 'budget') {
      fields.budget = { amount: Number(cell.value) };
      sources.set('/budget/amount', cell.source);
    } else {
      const colon = key.indexOf(':');
      const kind = key.slice(0, colon);
      const name = key.slice(colon + 1);
      if (kind === 'tag') {
        (fields.tags ??= {})[name] = cell.value;
        sources.set(pointerOf(['tags', name]), cell.source);
      } else if (kind === 'preparation' || kind === 'purge') {
        const task = (fields[kind] ??= {});
        (task.variables ??= {})[name] = cell.value;
        sources.set(pointerOf([kind, 'variables', name]), cell.source);
      }
    }
  }
  return {
    kind: 'csv',
    fields,
    sourceOf(pointer: string): Provenance {
      return sources.get(pointer) ?? rows.source;
    },
  };
}

/**
 * The precedence chain of an account, lowest first: settings.yaml defaults, each OU file from the root to the
 * account's OU, the account file, then the CSV rows that name it.
 */
export function levelsOf(
  model: SettingsModel,
  target: { account?: AccountEntry; organizationalUnit?: string; csv?: CsvAccountRows },
): SettingsLevel[] {
  const levels: SettingsLevel[] = [];
  const { settings } = model;
  if (settings.value.defaults) {
    levels.push(
      yamlLevel(
        'defaults',
        settings.file,
        settings.positions,
        '/defaults',
        settings.value.defaults,
        'defaults',
      ),
    );
  }
  const ouPath =
    target.account?.value.organizationalUnit ??
    target.organizationalUnit ??
    settings.value.defaults?.organizationalUnit;
  if (ouPath !== undefined) {
    for (const path of ouChain(ouPath)) {
      const ou = model.ous.get(path);
      if (ou) levels.push(yamlLevel('ou', ou.file, ou.positions, '', ou.value));
    }
  }
  if (target.account) {
    const a = target.account;
    levels.push(yamlLevel('account', a.file, a.positions, '', a.value));
  }
  if (target.csv) levels.push(csvLevel(target.csv));
  return levels;
}

const csvByFile = new WeakMap<SettingsModel, Map<string, CsvAccountRows>>();

/** The CSV rows that name an account file, by its id or its email. */
export function csvRowsOf(model: SettingsModel, account: AccountEntry): CsvAccountRows | undefined {
  let index = csvByFile.get(model);
  if (!index) {
    index = new Map(model.csv.flatMap((r) => (r.accountFile ? [[r.accountFile, r] as const] : [])));
    csvByFile.set(model, index);
  }
  return index.get(account.file);
}
