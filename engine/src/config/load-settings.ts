import { diagnostic, fileStart, warning, type Diagnostic } from '../domain/diagnostic.js';
import type { Account, OrganizationalUnit, Settings } from '../domain/generated/types.js';
import type { AccountEntry, CsvAccountRows, OuEntry, SettingsModel } from '../domain/model.js';
import type { SourceFile } from '../domain/source.js';
import { checkContactLevels } from './contact-checks.js';
import { crossCheck } from './cross-checks.js';
import { parsePolicyFile, type PolicyEntry } from './policy-file.js';
import { parseCsvFile, type CsvRow } from './csv-file.js';
import { refusalDiagnostic } from './file-refusal.js';
import { invisibleCharacters, invisibleInFileName } from './invisible.js';
import { accountNameOf, classify, ouPathOf, schemaComment, SETTINGS_FILE } from './layout.js';
import { escapeSegment } from './pointer.js';
import { resolveSettings } from './resolve-settings.js';
import { validateAgainst } from './schema-validator.js';
import { looksLikeSecret } from './secrets.js';
import { parseYamlFile, type ParsedYaml } from './yaml-file.js';

export interface LoadResult {
  /** The settings model, when settings.yaml could be read; check `diagnostics` for errors before using it. */
  model: SettingsModel | undefined;
  diagnostics: Diagnostic[];
  /** Lines of every file read, to quote the offending line under a diagnostic. */
  lines: Map<string, string[]>;
  fileCount: number;
}

/**
 * Reads every settings file: parse, schema, then cross-file checks. Never throws on bad input. With
 * `lazyPositions`, plain YAML files are read fast and the positions of their values computed only when a
 * diagnostic or a provenance asks (spa validate, which shows no provenance).
 */
export function loadSettings(
  files: readonly SourceFile[],
  options: { lazyPositions?: boolean } = {},
): LoadResult {
  const state: LoadState = {
    lazy: options.lazyPositions === true,
    diagnostics: [],
    lines: new Map<string, string[]>(),
    settings: undefined,
    ous: new Map<string, OuEntry>(),
    accounts: [],
    csvRows: [],
    policies: new Map<string, PolicyEntry>(),
  };
  let fileCount = 0;
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    const kind = classify(f.path);
    if (kind === 'ignored' && !f.refused) continue;
    fileCount++;
    const badName = invisibleInFileName(f.path);
    if (badName) state.diagnostics.push(badName);
    if (f.refused) state.diagnostics.push(refusalDiagnostic(f.path, f.refused));
    else if (kind === 'unexpected') state.diagnostics.push(unexpectedFile(f.path));
    else if (kind === 'csv') loadCsv(f, state);
    else if (kind === 'policy') loadPolicy(f, state);
    else if (kind !== 'ignored') loadYaml(f, kind, state);
  }
  const { diagnostics, lines, settings, ous, accounts, csvRows, policies } = state;
  if (!lines.has(SETTINGS_FILE) && !files.some((f) => f.path === SETTINGS_FILE)) {
    diagnostics.push(
      diagnostic(fileStart(SETTINGS_FILE), {
        code: 'missing-settings',
        summary: 'settings.yaml is missing',
        allowed: 'a settings.yaml at the root of the settings directory',
        hint: 'run the command from the repository root, pass --dir, or create settings.yaml (see schemas/README.md)',
      }),
    );
  }
  const csv: CsvAccountRows[] = crossCheck({ settings, ous, accounts, csvRows, diagnostics });
  diagnostics.push(...checkContactLevels(settings, ous, accounts));
  const model = settings ? { settings, ous, policies, accounts, csv, fileCount } : undefined;
  return { model, diagnostics, lines, fileCount };
}

interface LoadState {
  /** The policy documents settings.yaml names, by path. */
  policies: Map<string, PolicyEntry>;
  /** Positions of plain YAML files computed when asked for. */
  lazy: boolean;
  diagnostics: Diagnostic[];
  lines: Map<string, string[]>;
  settings: SettingsModel['settings'] | undefined;
  ous: Map<string, OuEntry>;
  accounts: AccountEntry[];
  csvRows: CsvRow[];
}

function unexpectedFile(file: string): Diagnostic {
  return warning(fileStart(file), {
    code: 'unexpected-file',
    summary:
      'this file is not read: its folder holds .yaml files (accounts/, organizational-units/) or .csv files (tags-csv/)',
    allowed:
      'accounts/**/*.yaml, organizational-units/**/*.yaml, tags-csv/*.csv, and a README.md in any folder',
    hint: 'rename it with the right extension, or move it out of the folder',
  });
}

/** A policy document that settings.yaml names: JSON, checked against the policy grammar later. */
function loadPolicy(f: SourceFile, state: LoadState): void {
  const parsed = parsePolicyFile(f.path, f.bytes);
  state.lines.set(f.path, parsed.lines);
  state.diagnostics.push(...invisibleCharacters(f.path, parsed.lines), ...parsed.diagnostics);
  state.policies.set(f.path, parsed);
}

/** A CSV file: its rows, and the checks that look at every cell (invisible characters, secrets). */
function loadCsv(f: SourceFile, state: LoadState): void {
  const parsed = parseCsvFile(f.path, f.bytes);
  state.lines.set(f.path, parsed.lines);
  const secrets: Diagnostic[] = [];
  for (const cell of parsed.cells)
    secretCheck(f.path, cell.value, cell.pointer, cell.line, cell.column, secrets);
  // Other diagnostics of a secret cell would quote the secret.
  const secretPointers = new Set(secrets.map((d) => d.pointer));
  state.diagnostics.push(
    ...invisibleCharacters(f.path, parsed.lines),
    ...secrets,
    ...parsed.diagnostics.filter((d) => !secretPointers.has(d.pointer)),
  );
  state.csvRows.push(...parsed.rows);
}

function loadYaml(f: SourceFile, kind: 'settings' | 'ou' | 'account', state: LoadState): void {
  const parsed = parseYamlFile(f.path, f.bytes, { lazy: state.lazy });
  state.lines.set(f.path, parsed.lines);
  state.diagnostics.push(...invisibleCharacters(f.path, parsed.lines), ...parsed.diagnostics);
  if (parsed.value === undefined) return;
  if (!checkYaml(parsed, kind, state.diagnostics)) return;
  if (kind === 'settings') {
    const value = parsed.value as Settings;
    state.settings = { file: f.path, value, positions: parsed.positions, resolved: resolveSettings(value) };
  } else if (kind === 'ou') {
    addOu(f.path, parsed, state);
  } else {
    state.accounts.push({
      file: f.path,
      fileName: accountNameOf(f.path),
      value: parsed.value as Account,
      positions: parsed.positions,
    });
  }
}

function addOu(file: string, parsed: ParsedYaml, state: LoadState): void {
  const path = ouPathOf(file);
  const existing = state.ous.get(path);
  if (existing) {
    state.diagnostics.push(
      diagnostic(fileStart(file), {
        code: 'duplicate-ou',
        summary: `OU "${path}" is defined twice: by ${existing.file} and by this file`,
        value: path,
        allowed: 'one file per OU',
        hint: 'keep one of the two files (.yaml or .yml)',
        related: [{ file: existing.file, line: 1, column: 1 }],
      }),
    );
    return;
  }
  state.ous.set(path, { file, path, value: parsed.value as OrganizationalUnit, positions: parsed.positions });
}

/** Schema and secret checks of one YAML file; true when the file can join the cross-file checks. */
function checkYaml(
  parsed: ParsedYaml,
  kind: 'settings' | 'ou' | 'account',
  diagnostics: Diagnostic[],
): boolean {
  const expected = schemaComment(parsed.file, kind);
  const first = parsed.lines[0] ?? '';
  if (first.trim() !== expected) {
    diagnostics.push(
      warning(fileStart(parsed.file), {
        code: 'missing-schema-comment',
        summary: first.startsWith('# yaml-language-server:')
          ? `the schema comment points to the wrong schema: ${first.trim()}`
          : 'the file does not start with its schema comment, so editors cannot validate it',
        allowed: expected,
        hint: `make the first line: ${expected}`,
      }),
    );
  }
  const secrets: Diagnostic[] = [];
  walkStrings(parsed.value, '', (value, pointer) => {
    // Positions are looked up for secrets only: a valid file's are never read (see loadSettings).
    if (!looksLikeSecret(value)) return;
    const pos = parsed.positions.get(pointer) ?? { line: 1, column: 1 };
    secretCheck(parsed.file, value, pointer, pos.line, pos.column, secrets);
  });
  const schema = kind === 'settings' ? 'settings' : kind === 'ou' ? 'organizational-unit' : 'account';
  const problems = validateAgainst(`${schema}.schema.json`, parsed);
  const secretPointers = new Set(secrets.map((d) => d.pointer));
  diagnostics.push(...secrets, ...problems.filter((d) => !secretPointers.has(d.pointer)));
  return problems.length === 0 && secrets.length === 0;
}

/** Every string of a value (keys included), with its JSON pointer. */
function walkStrings(value: unknown, pointer: string, visit: (value: string, pointer: string) => void): void {
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${pointer}/${i}`, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const child = `${pointer}/${escapeSegment(k)}`;
      visit(k, child);
      walkStrings(v, child, visit);
    }
  }
}

function secretCheck(
  file: string,
  value: string,
  pointer: string,
  line: number,
  column: number,
  out: Diagnostic[],
): void {
  const kind = looksLikeSecret(value);
  if (!kind) return;
  if (out.some((d) => d.file === file && d.pointer === pointer && d.code === 'secret-in-settings')) return;
  out.push(
    diagnostic(
      { file, line, column, pointer },
      {
        code: 'secret-in-settings',
        summary: `this value looks like ${kind}; settings files are read by everyone with access to the repository`,
        allowed: 'the name of a secret, never its value',
        hint: 'store the value in AWS Secrets Manager and give its name (for webhooks: notifications.<channel>.teamsWebhookSecret or slackWebhookSecret); then rotate the secret, since it is in the git history',
      },
    ),
  );
}
