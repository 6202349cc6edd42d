import type { Diagnostic } from '../domain/diagnostic.js';
import type { Account, OrganizationalUnit, Settings } from '../domain/generated/types.js';
import type { AccountEntry, CsvAccountRows, OuEntry, SettingsModel } from '../domain/model.js';
import type { SourceFile } from '../domain/source.js';
import { checkContactLevels } from './contact-checks.js';
import { crossCheck } from './cross-checks.js';
import { checkPolicies } from './policy-checks.js';
import { parsePolicyFile, type PolicyEntry } from './policy-file.js';
import { parseCsvFile, type CsvRow } from './csv-file.js';
import { accountNameOf, classify, ouPathOf, schemaComment, SETTINGS_FILE } from './layout.js';
import { pointerOf } from './pointer.js';
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

/** Reads every settings file: parse, schema, then cross-file checks. Never throws on bad input. */
export function loadSettings(files: readonly SourceFile[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const lines = new Map<string, string[]>();
  let settings: SettingsModel['settings'] | undefined;
  const ous = new Map<string, OuEntry>();
  const accounts: AccountEntry[] = [];
  const csvRows: CsvRow[] = [];
  const policies = new Map<string, PolicyEntry>();
  let fileCount = 0;

  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    const kind = classify(f.path);
    if (kind === 'ignored') continue;
    fileCount++;
    if (kind === 'unexpected') {
      diagnostics.push({
        severity: 'warning',
        code: 'unexpected-file',
        file: f.path,
        line: 1,
        column: 1,
        pointer: '',
        summary:
          'this file is not read: its folder holds .yaml files (accounts/, organizational-units/) or .csv files (tags-csv/)',
        allowed: 'accounts/**/*.yaml, organizational-units/**/*.yaml, tags-csv/*.csv',
        hint: 'rename it with the right extension, or move it out of the folder',
      });
      continue;
    }
    if (kind === 'policy') {
      const parsed = parsePolicyFile(f.path, f.bytes);
      lines.set(f.path, parsed.lines);
      diagnostics.push(...parsed.diagnostics);
      policies.set(f.path, parsed);
      continue;
    }
    if (kind === 'csv') {
      const parsed = parseCsvFile(f.path, f.bytes);
      lines.set(f.path, parsed.lines);
      diagnostics.push(...parsed.diagnostics);
      for (const row of parsed.rows) {
        for (const cell of row.cells)
          secretCheck(f.path, cell.value, cell.pointer, cell.line, cell.column, diagnostics);
      }
      csvRows.push(...parsed.rows);
      continue;
    }
    const parsed = parseYamlFile(f.path, f.bytes);
    lines.set(f.path, parsed.lines);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value === undefined) continue;
    const valid = checkYaml(parsed, kind, diagnostics);
    if (!valid) continue;
    if (kind === 'settings') {
      const value = parsed.value as Settings;
      settings = { file: f.path, value, positions: parsed.positions, resolved: resolveSettings(value) };
    } else if (kind === 'ou') {
      const path = ouPathOf(f.path);
      const existing = ous.get(path);
      if (existing) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-ou',
          file: f.path,
          line: 1,
          column: 1,
          pointer: '',
          summary: `OU "${path}" is defined twice: by ${existing.file} and by this file`,
          value: path,
          allowed: 'one file per OU',
          hint: 'keep one of the two files (.yaml or .yml)',
          related: [{ file: existing.file, line: 1, column: 1 }],
        });
        continue;
      }
      ous.set(path, {
        file: f.path,
        path,
        value: parsed.value as OrganizationalUnit,
        positions: parsed.positions,
      });
    } else {
      accounts.push({
        file: f.path,
        fileName: accountNameOf(f.path),
        value: parsed.value as Account,
        positions: parsed.positions,
      });
    }
  }

  if (!lines.has(SETTINGS_FILE)) {
    diagnostics.push({
      severity: 'error',
      code: 'missing-settings',
      file: SETTINGS_FILE,
      line: 1,
      column: 1,
      pointer: '',
      summary: 'settings.yaml is missing',
      allowed: 'a settings.yaml at the root of the settings directory',
      hint: 'run the command from the repository root, pass --dir, or create settings.yaml (see the README)',
    });
  }

  const csv: CsvAccountRows[] = crossCheck({
    settings,
    ous,
    accounts,
    csvRows,
    diagnostics,
  });
  diagnostics.push(...checkContactLevels(settings, ous, accounts), ...checkPolicies(settings, ous, policies));
  const model = settings ? { settings, ous, policies, accounts, csv, fileCount } : undefined;
  return { model, diagnostics, lines, fileCount };
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
    diagnostics.push({
      severity: 'warning',
      code: 'missing-schema-comment',
      file: parsed.file,
      line: 1,
      column: 1,
      pointer: '',
      summary: first.startsWith('# yaml-language-server:')
        ? `the schema comment points to the wrong schema: ${first.trim()}`
        : 'the file does not start with its schema comment, so editors cannot validate it',
      allowed: expected,
      hint: `make the first line: ${expected}`,
    });
  }
  const secrets: Diagnostic[] = [];
  walkStrings(parsed.value, [], (value, path) => {
    const pointer = pointerOf(path);
    const pos = parsed.positions.get(pointer) ?? { line: 1, column: 1 };
    secretCheck(parsed.file, value, pointer, pos.line, pos.column, secrets);
  });
  const schema = kind === 'settings' ? 'settings' : kind === 'ou' ? 'organizational-unit' : 'account';
  const problems = validateAgainst(`${schema}.schema.json`, parsed);
  const secretPointers = new Set(secrets.map((d) => d.pointer));
  diagnostics.push(...secrets, ...problems.filter((d) => !secretPointers.has(d.pointer)));
  return problems.length === 0 && secrets.length === 0;
}

function walkStrings(
  value: unknown,
  path: (string | number)[],
  visit: (value: string, path: (string | number)[]) => void,
): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, [...path, k]);
      walkStrings(v, [...path, k], visit);
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
  out.push({
    severity: 'error',
    code: 'secret-in-settings',
    file,
    line,
    column,
    pointer,
    summary: `this value looks like ${kind}; settings files are read by everyone with access to the repository`,
    allowed: 'the name of a secret, never its value',
    hint: 'store the value in AWS Secrets Manager and give its name (for webhooks: notifications.<channel>.teamsWebhookSecret or slackWebhookSecret); then rotate the secret, since it is in the git history',
  });
}
