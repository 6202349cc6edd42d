/** Where an annotation points, when it points somewhere: a file of the repository, a line and a column in it. */
export interface Annotation {
  title?: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * Work under way, for people waiting: on a terminal one line rewritten in place, in a CI log a line at most every
 * few seconds, in a Lambda nothing.
 */
export interface Progress {
  /** Free text, such as "checking the plan against AWS: 3/10". */
  update(text: string): void;
  /** Counted work: `done` of `total` (when known) `unit`, with the time left when the total is known. */
  count(label: string, done: number, total: number | undefined, unit: string): void;
  /** A line that stays (a retry notice), printed at once, above the progress line on a terminal. */
  note(text: string): void;
  /** Clears the progress line. */
  done(): void;
}

/** Step outputs: named values for the steps that come after this one. */
export type StepOutputs = Readonly<Record<string, string | number | boolean>>;

/**
 * Where the engine's words go (CONVENTIONS.md, habit 10): use cases say what happened, each entry point chooses
 * how it shows. The CLI prints results to stdout and everything else to stderr, with colour on a terminal; the
 * Action writes the same, plus annotations, step outputs and the job summary (@actions/core); a Lambda logs JSON.
 */
export interface Output {
  /** The result, what a pipe gets: the plan, the diagnostics, JSON. Written as given. */
  result(text: string): void;
  /** A note for people: what was done or skipped, and why. One or more lines; the last newline is added when missing. */
  info(text: string): void;
  /** Annotations, from the mildest: an Action shows them on the run, and on the file's line when they name one. */
  notice(message: string, at?: Annotation): void;
  warn(message: string, at?: Annotation): void;
  error(message: string, at?: Annotation): void;
  /** Values for the steps after this one (GITHUB_OUTPUT). A terminal has no next step and drops them. */
  outputs(values: StepOutputs): void;
  /** Markdown for whoever opens the run (the job summary). A terminal drops it: its result is on stdout. */
  summary(markdown: string): Promise<void>;
  readonly progress: Progress;
  /** Whether the text given to `result`, and to `info`, may carry ANSI colour: each stream is a terminal or not. */
  readonly color: { readonly result: boolean; readonly info: boolean };
}
