/** Files a command hands to what comes after it: the plan for apply, its Markdown chunks, the effective settings. */
export interface ArtifactStore {
  /** Writes the whole file or nothing: a reader never sees half a plan. `path` is relative to where the command runs. */
  write(path: string, text: string): Promise<void>;
}
