import { describe, expect, it } from 'vitest';
import type { MutantResult, MutantStatus, MutationTestResult } from 'mutation-testing-report-schema';
import { folderOf, formatScores, readReport, scoresByFolder } from '../../engine/scripts/mutation-table.js';

let nextId = 0;
function mutants(...statuses: MutantStatus[]): MutantResult[] {
  return statuses.map((status) => ({
    id: String(nextId++),
    mutatorName: 'EqualityOperator',
    replacement: '>',
    status,
    location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
  }));
}

function report(files: Record<string, MutantResult[]>): MutationTestResult {
  return {
    schemaVersion: '2',
    thresholds: { high: 90, low: 85 },
    files: Object.fromEntries(
      Object.entries(files).map(([name, list]) => [
        name,
        { language: 'typescript', source: 'x', mutants: list },
      ]),
    ),
  };
}

describe('the mutation score table', () => {
  it('counts per folder under engine/src, with no coverage as survived and timeouts on neither side', () => {
    const { folders, total } = scoresByFolder(
      report({
        'engine/src/plan/scope.ts': mutants('Killed', 'Killed', 'Killed', 'Survived', 'Timeout'),
        'engine/src/plan/guards.ts': mutants('Killed', 'NoCoverage', 'Ignored', 'CompileError'),
        'engine/src/lifecycle/transitions.ts': mutants('Killed', 'Killed'),
      }),
    );
    expect(folders).toEqual([
      { folder: 'lifecycle', killed: 2, survived: 0, noCoverage: 0, timeout: 0, score: 100 },
      { folder: 'plan', killed: 4, survived: 1, noCoverage: 1, timeout: 1, score: (100 * 4) / 6 },
    ]);
    expect(total).toEqual({ folder: 'total', killed: 6, survived: 1, noCoverage: 1, timeout: 1, score: 75 });
  });

  it('says n/a for a folder whose mutants are all ignored, rather than 0% or 100%', () => {
    const { folders } = scoresByFolder(
      report({ 'engine/src/gitops/drift.ts': mutants('Ignored', 'Timeout') }),
    );
    expect(folders[0]?.score).toBeUndefined();
    expect(formatScores(folders, folders[0]!)).toContain('n/a');
  });

  it('names the folder of absolute and Windows paths as of relative ones', () => {
    expect(folderOf('engine/src/desired/merge.ts')).toBe('desired');
    expect(folderOf('/work/repo/engine/src/changes/tags.ts')).toBe('changes');
    expect(folderOf('C:\\repo\\engine\\src\\config\\text.ts')).toBe('config');
    expect(folderOf('engine/src/index.ts')).toBe('.');
  });

  it('prints aligned columns, one line per folder, the total last', () => {
    const { folders, total } = scoresByFolder(
      report({
        'engine/src/changes/tags.ts': mutants('Killed', 'Killed', 'Killed', 'Survived'),
        'engine/src/config/text.ts': mutants('Killed', 'NoCoverage'),
      }),
    );
    expect(formatScores(folders, total).split('\n')).toEqual([
      'folder   killed  survived  no coverage  timeout  score',
      '-------  ------  --------  -----------  -------  -----',
      'changes       3         1            0        0  75.0%',
      'config        1         0            1        0  50.0%',
      '-------  ------  --------  -----------  -------  -----',
      'total         4         1            1        0  66.7%',
    ]);
  });

  it('refuses a file that is not a mutation testing report, naming it and the fix', () => {
    expect(() => readReport({ files: {} }, '.stryker/mutation.json')).toThrow(
      /\.stryker\/mutation\.json: not a mutation testing report \(.*schemaVersion.*\)\. Run `npm run mutate` again/,
    );
    const valid = report({ 'engine/src/plan/scope.ts': mutants('Killed') });
    expect(readReport(valid, 'r.json')).toBe(valid);
  });
});
