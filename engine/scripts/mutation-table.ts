// The mutation score per folder of the pure core, from Stryker's JSON report (mutation-testing-report-schema):
// killed / (killed + survived + no coverage), a mutant no test reaches counting as one that survived. Timeouts are
// shown but counted on neither side; ignored mutants (static ones, those disabled with a reason) are left out.
import { Ajv } from 'ajv';
import { schema, type MutantStatus, type MutationTestResult } from 'mutation-testing-report-schema';

export interface FolderScore {
  folder: string;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  /** Percent, or undefined when the folder has no mutant that counts. */
  score: number | undefined;
}

const SOURCE_ROOT = 'engine/src/';

/** Checks a parsed report against the published schema; says what is wrong and where otherwise. */
export function readReport(value: unknown, fileName: string): MutationTestResult {
  const validate = new Ajv({ strict: false, validateFormats: false }).compile<MutationTestResult>(schema);
  if (validate(value)) return value;
  const [error] = validate.errors ?? [];
  throw new Error(
    `${fileName}: not a mutation testing report (${error?.instancePath || '/'} ${error?.message ?? 'invalid'}). ` +
      'Run `npm run mutate` again to write a new one.',
  );
}

/** The folder under engine/src/ a report's file name belongs to ("engine/src/plan/scope.ts" -> "plan"). */
export function folderOf(fileName: string): string {
  const path = fileName.replaceAll('\\', '/');
  const at = path.lastIndexOf(SOURCE_ROOT);
  const rest = at === -1 ? path : path.slice(at + SOURCE_ROOT.length);
  const slash = rest.indexOf('/');
  return slash === -1 ? '.' : rest.slice(0, slash);
}

function scoreOf(killed: number, survived: number, noCoverage: number): number | undefined {
  const counted = killed + survived + noCoverage;
  return counted === 0 ? undefined : (100 * killed) / counted;
}

function emptyRow(folder: string): FolderScore {
  return { folder, killed: 0, survived: 0, noCoverage: 0, timeout: 0, score: undefined };
}

const COLUMN: Partial<Record<MutantStatus, 'killed' | 'survived' | 'noCoverage' | 'timeout'>> = {
  Killed: 'killed',
  Survived: 'survived',
  NoCoverage: 'noCoverage',
  Timeout: 'timeout',
};

/** One row per folder, by name, then the total of the pure core. */
export function scoresByFolder(report: MutationTestResult): { folders: FolderScore[]; total: FolderScore } {
  const rows = new Map<string, FolderScore>();
  const total = emptyRow('total');
  for (const [fileName, file] of Object.entries(report.files)) {
    const folder = folderOf(fileName);
    const row = rows.get(folder) ?? emptyRow(folder);
    rows.set(folder, row);
    for (const mutant of file.mutants) {
      const column = COLUMN[mutant.status];
      if (column === undefined) continue;
      row[column]++;
      total[column]++;
    }
  }
  const folders = [...rows.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  for (const row of [...folders, total]) row.score = scoreOf(row.killed, row.survived, row.noCoverage);
  return { folders, total };
}

const HEADER = ['folder', 'killed', 'survived', 'no coverage', 'timeout', 'score'];

function cells(row: FolderScore): string[] {
  const score = row.score === undefined ? 'n/a' : `${row.score.toFixed(1)}%`;
  return [row.folder, ...[row.killed, row.survived, row.noCoverage, row.timeout].map(String), score];
}

/** A plain-text table: the folder left-aligned, the figures right-aligned, the total last. */
export function formatScores(folders: FolderScore[], total: FolderScore): string {
  const lines = [HEADER, ...folders.map(cells), cells(total)];
  const widths = HEADER.map((_, column) => Math.max(...lines.map((line) => line[column]?.length ?? 0)));
  const format = (line: string[]): string =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(HEADER), rule, ...lines.slice(1, -1).map(format), rule, format(cells(total))].join('\n');
}
