import type { Annotation, Output, Progress } from '../../ports/output.js';
import { style } from '../../render/style.js';

/** The two streams of a terminal (of a process, or of a test). */
export interface TerminalStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** `accounts/alice.yaml:4:22: ` before an annotation that names a place. */
function place(at: Annotation | undefined): string {
  if (!at?.file) return '';
  const line = at.line === undefined ? '' : `:${at.line}${at.column === undefined ? '' : `:${at.column}`}`;
  return `${at.file}${line}: `;
}

/**
 * The Output of a terminal: results to stdout, everything for people to stderr (so that results can be piped),
 * colour where the entry point allows it. A terminal has no next step and no job summary: outputs and summaries
 * are dropped.
 */
export function terminalOutput(
  streams: TerminalStreams,
  color: { result: boolean; info: boolean },
  progress: Progress,
): Output {
  const s = style(color.info);
  const info = (text: string) => void streams.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const annotation =
    (word: string) =>
    (message: string, at?: Annotation): void =>
      info(`${place(at)}${word}: ${at?.title ? `${at.title}: ` : ''}${message}`);
  return {
    result: (text) => void streams.stdout.write(text),
    info,
    notice: annotation(s.cyan('notice')),
    warn: annotation(s.yellow('warning')),
    error: annotation(s.red('error')),
    outputs: () => undefined,
    summary: () => Promise.resolve(),
    progress,
    color: { result: color.result, info: color.info },
  };
}
