/** Exit codes shared by every command (DESIGN.md section 5). */
export const ExitCode = {
  ok: 0,
  userError: 1,
  changesPresent: 2,
  systemError: 3,
  stalePlan: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorSource = 'user' | 'system';

/**
 * The one error class of the engine. `source` says whose move it is: `user` errors are fixed by changing
 * input or arguments (exit 1), `system` errors by fixing the environment (exit 3).
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: string;
  readonly source: ErrorSource;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { source: ErrorSource; cause?: unknown; hint?: string },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = options.source;
    this.hint = options.hint;
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
