import type { Diagnostic as DiagnosticData, Location } from './generated/types.js';

export type { Location };

/**
 * A problem found in the settings files, located precisely enough for an editor or a pull request annotation:
 * the shape of schemas/diagnostics.schema.json. Lines and columns are 1-based (1:1 for the whole file); the
 * pointer is '' for the whole file and /<line>/<column> in a CSV file. The schema gives `value` no type: it is
 * the offending value, whatever it is.
 */
export type Diagnostic = Omit<DiagnosticData, 'value'> & { value?: unknown };

/** Where a diagnostic points: a place in a file and the JSON pointer of the value there. */
export interface DiagnosticSite extends Location {
  pointer: string;
}

/**
 * What a diagnostic says: its code, what is wrong (quoting `value`), what is allowed, how to fix it, other places
 * involved. The code is written `code: '...'` at each call: the README test finds every code that way.
 */
export interface DiagnosticWords {
  code: string;
  summary: string;
  hint: string;
  value?: unknown;
  allowed?: string | undefined;
  related?: Location[] | undefined;
}

/** Every diagnostic is built here: one shape, one order of fields, nothing undefined in the output. */
export function diagnostic(
  at: DiagnosticSite,
  words: DiagnosticWords,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return {
    severity,
    code: words.code,
    file: at.file,
    line: at.line,
    column: at.column,
    pointer: at.pointer,
    summary: words.summary,
    ...(words.value !== undefined ? { value: words.value } : {}),
    ...(words.allowed !== undefined ? { allowed: words.allowed } : {}),
    hint: words.hint,
    ...(words.related !== undefined ? { related: words.related } : {}),
  };
}

/** A problem that does not stop the apply. */
export function warning(at: DiagnosticSite, words: DiagnosticWords): Diagnostic {
  return diagnostic(at, words, 'warning');
}

/** The start of a file: where a problem of the whole file (or of a value it lacks) is shown. */
export function fileStart(file: string, pointer = ''): DiagnosticSite {
  return { file, line: 1, column: 1, pointer };
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
