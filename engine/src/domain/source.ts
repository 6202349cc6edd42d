/** A file of the settings tree as read from disk: the pure core never touches the file system itself. */
export interface SourceFile {
  /** Path relative to the settings directory, forward slashes. */
  path: string;
  bytes: Uint8Array;
  /** Why the file was not read (its bytes are then empty): the validation reports it as a diagnostic. */
  refused?: FileRefusal;
}

/** What a file of the settings tree turned out to be instead of a regular file inside the repository. */
export type FileRefusal =
  | { reason: 'not-a-regular-file'; kind: string }
  | { reason: 'too-large'; size: number; max: number }
  | { reason: 'link-outside'; target: string }
  | { reason: 'link-loop'; target: string }
  | { reason: 'broken-link'; target: string };

/** Where a value came from, shown by `spa explain` and in the plan. */
export interface Provenance {
  file: string;
  line: number;
  /** Which part of the file, when the file alone is not telling (`defaults` of settings.yaml). */
  part?: string;
}

/** The provenance of a value that no file gives: the schema's default. */
export const DEFAULT_PROVENANCE: Provenance = { file: '(default)', line: 0 };

export function formatProvenance(p: Provenance): string {
  if (p.line === 0) return p.file;
  return `${p.file}:${p.line}${p.part ? ` (${p.part})` : ''}`;
}

export interface Sourced<T> {
  value: T;
  source: Provenance;
}

/** Where a value sits in its file; `keyLine`/`keyColumn` is where its key is, for values inside a mapping. */
export interface Position {
  line: number;
  column: number;
  keyLine?: number;
  keyColumn?: number;
}

/** JSON pointer -> position of every value of a file. */
export type PositionIndex = Map<string, Position>;
