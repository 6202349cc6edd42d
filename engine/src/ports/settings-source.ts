import type { SourceFile } from '../domain/source.js';

/** The settings repository as files: a directory for the CLI (--dir), anything that yields the same files elsewhere. */
export interface SettingsSource {
  /** Every settings file, the refused ones included (a FIFO, a link out of the directory), for the validation to report. */
  files(): Promise<SourceFile[]>;
  /** The git commit the files are at, when it is known. */
  commit(): string | null;
}
