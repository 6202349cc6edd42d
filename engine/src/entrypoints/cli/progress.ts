import type { Progress } from '../../ports/output.js';

export type { Progress };

export interface ProgressOptions {
  /** Between two lines when stderr is not a terminal (default: SPA_PROGRESS_INTERVAL_MS, else 5 s). */
  intervalMs?: number;
  now?: () => number;
}

const TTY_REFRESH_MS = 100;
const CLEAR = '\r\u001b[2K';

/**
 * Progress of a long run, always on stderr (stdout may carry JSON or Markdown). On a terminal it is one line
 * rewritten in place; elsewhere (CI logs) a line at most every `intervalMs`, none during the first interval,
 * so that short runs print nothing.
 */
/** What progress writes to and reads: the command's standard error and environment. */
export interface ProgressIo {
  stderr: { isTTY?: boolean; write(text: string): unknown };
  env: Record<string, string | undefined>;
}

export function progress(io: ProgressIo, options: ProgressOptions = {}): Progress {
  const tty = io.stderr.isTTY === true;
  const now = options.now ?? Date.now;
  const fromEnv = Number(io.env.SPA_PROGRESS_INTERVAL_MS);
  const interval =
    options.intervalMs ??
    (io.env.SPA_PROGRESS_INTERVAL_MS && Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 5000);
  let last = tty ? 0 : now();
  let shown = '';
  let current = '';
  let counted: { label: string; started: number } | undefined;

  const show = (text: string, force = false) => {
    current = text;
    const t = now();
    if (!force && t - last < (tty ? TTY_REFRESH_MS : interval)) return;
    last = t;
    if (tty) io.stderr.write(`${CLEAR}${text}`);
    else io.stderr.write(`${text}\n`);
    shown = text;
  };

  return {
    update: (text) => show(text),
    count(label, done, total, unit) {
      const t = now();
      if (counted?.label !== label) counted = { label, started: t };
      const amount = total === undefined ? `${n(done)} ${unit}` : `${n(done)}/${n(total)} ${unit}`;
      const share = total ? ` (${Math.floor((100 * done) / total)}%)` : '';
      show(`${label}: ${amount}${share}${eta(done, total, t - counted.started)}`);
    },
    note(text) {
      if (tty && shown) io.stderr.write(CLEAR);
      io.stderr.write(`${text}\n`);
      if (tty && current) show(current, true);
    },
    done() {
      if (tty && shown) io.stderr.write(CLEAR);
      shown = '';
    },
  };
}

function n(value: number): string {
  return value.toLocaleString('en');
}

/** ", about 12 s left" once a second of work gives a rate to go by. */
function eta(done: number, total: number | undefined, elapsedMs: number): string {
  if (total === undefined || done <= 0 || done >= total || elapsedMs < 1000) return '';
  const seconds = Math.ceil(((total - done) * elapsedMs) / done / 1000);
  const words = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `, about ${words} left`;
}
