/** A file of a report, by its path from the root of the reports' repository (reports/costs/2026/...). */
export interface ReportFile {
  path: string;
  content: Uint8Array;
}

/** Where reports go: a folder of the working tree, or one commit on a branch of the GitHub repository. */
export interface ReportStore {
  /** Where the files land, for people ("./reports", "acme/settings@main"). */
  readonly description: string;
  /** A file, or undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  /**
   * Makes `folder` hold exactly `files`: each written, every other file below the folder removed (a later run
   * of the same month replaces the earlier one), all together: one commit on GitHub.
   */
  replaceFolder(folder: string, files: ReportFile[], message: string): Promise<{ location: string }>;
}

/** The runtime bucket as the reports see it: a copy of every report below reports/ (DESIGN.md section 7). */
export interface ReportBucket {
  /** For people: s3://bucket. */
  readonly description: string;
  put(key: string, content: Uint8Array, contentType: string): Promise<void>;
  /** Keys below a prefix. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}
