/** A problem found in the settings files, located precisely enough for an editor or a pull request annotation. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable identifier of the kind of problem, such as `unknown-ou`; listed in the README's troubleshooting section. */
  code: string;
  /** Path relative to the settings directory, with forward slashes. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** JSON pointer of the offending value inside the file ('' for the whole file; CSV: /<row>/<column>). */
  pointer: string;
  /** What is wrong, quoting the value. */
  summary: string;
  /** The offending value, when there is one. */
  value?: unknown;
  /** What is allowed. */
  allowed?: string;
  /** How to fix it. */
  hint: string;
  /** Other places involved (the first definition of a duplicate, the CSV row that conflicts). */
  related?: Location[];
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by file, then line, then column, so that output is stable and reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareFiles(a.file, b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
