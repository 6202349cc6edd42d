/** Where the engine's words go: the CLI writes them to the terminal, the Action to annotations, Lambdas to JSON logs. */
export interface Output {
  /** Results: the plan, the diagnostics. Goes to standard output. */
  result(text: string): void;
  /** Progress and notes for people. Goes to standard error, so that results can be piped. */
  info(text: string): void;
  /** Whether colour may be used on the result stream. */
  readonly color: boolean;
}
