import type { SourceFile } from '../domain/source.js';

/** Files written aside, not yet in place: read back to be checked, then moved into place or thrown away. */
export interface StagedSettings {
  /** The staged files as the settings reader reads them (what `spa validate` will read). */
  files(): Promise<SourceFile[]>;
  /** Moves every staged file into place at once; what was there before is replaced. */
  commit(): Promise<void>;
  /** Removes the staged files; nothing of them is left. */
  discard(): Promise<void>;
}

/** Where `spa import` writes a settings repository. */
export interface SettingsTarget {
  /** Where the files go, as the user named it (for messages). */
  readonly location: string;
  /** The settings files already there that an import would replace (settings.yaml first), relative paths. */
  existing(): Promise<string[]>;
  /** Writes the files aside (nothing in place changes yet). */
  stage(files: readonly { path: string; text: string }[]): Promise<StagedSettings>;
}
