import { terminalOutput } from '../../adapters/terminal/output.js';
import type { Output } from '../../ports/output.js';
import { progress } from './progress.js';

/** What a command may touch of the process: injected so that tests run commands in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
}

/** How a command's action hands its exit code back to `run`. */
export type SetCode = (code: number) => void;

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(io: CliIo, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io[stream].isTTY === true;
}

/** The Output of a command: the terminal, or the streams a test gives. */
export function outputOf(io: CliIo): Output {
  return terminalOutput(io, { result: colorEnabled(io), info: colorEnabled(io, 'stderr') }, progress(io));
}
