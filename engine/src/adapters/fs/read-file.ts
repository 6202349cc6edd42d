import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { EngineError } from '../../domain/errors.js';
import type { FileRefusal } from '../../domain/source.js';

/** Plans and apply results: JSON written by spa itself; a plan of 10,000 changes is some 20 MiB. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

export type ReadResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; refusal: FileRefusal }
  | { ok: false; missing: true; cause: unknown }
  | { ok: false; failed: true; cause: unknown };

/** What a file system object is, in words: "a FIFO (named pipe)", "a directory"... */
export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * The one way the engine reads a file it is handed: only a regular file, at most `maxBytes`. The type is
 * checked before opening (a device is never opened) and again on the opened descriptor (the path may have
 * changed meanwhile); O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer. The size
 * is checked on the descriptor, then at most `maxBytes` + 1 bytes are read, so that a file that grows while it
 * is read stays bounded too.
 */
export function readRegularFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    const before = statSync(path);
    if (!before.isFile())
      return { ok: false, refusal: { reason: 'not-a-regular-file', kind: kindOf(before) } };
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, cause };
    if (code === 'ENXIO') return { ok: false, refusal: { reason: 'not-a-regular-file', kind: 'a socket' } };
    return { ok: false, failed: true, cause };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, refusal: { reason: 'not-a-regular-file', kind: kindOf(stats) } };
    if (stats.size > maxBytes)
      return { ok: false, refusal: { reason: 'too-large', size: stats.size, max: maxBytes } };
    const bytes = readAtMost(fd, maxBytes + 1, stats.size);
    if (bytes.length > maxBytes)
      return { ok: false, refusal: { reason: 'too-large', size: bytes.length, max: maxBytes } };
    return { ok: true, bytes };
  } catch (cause) {
    return { ok: false, failed: true, cause };
  } finally {
    closeSync(fd);
  }
}

function readAtMost(fd: number, limit: number, expected: number): Buffer {
  // Sized for the file as fstat saw it, plus one byte to notice that it grew.
  let buffer = Buffer.allocUnsafe(Math.min(limit, expected + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

/** Words for a refusal, shared by the settings diagnostics and the errors of input files. */
export function describeRefusal(path: string, refusal: FileRefusal): string {
  switch (refusal.reason) {
    case 'not-a-regular-file':
      return `${path} is ${refusal.kind}, not a regular file`;
    case 'too-large':
      return `${path} holds more than the ${refusal.max} bytes allowed${refusal.size > refusal.max + 1 ? ` (${refusal.size} bytes)` : ''}`;
    case 'link-outside':
      return `${path} is a symbolic link to ${refusal.target}, outside the settings directory`;
    case 'link-loop':
      return `${path} is a symbolic link that loops (${refusal.target})`;
    case 'broken-link':
      return `${path} is a symbolic link to ${refusal.target}, which does not exist`;
  }
}

/**
 * A file given on the command line (a plan, an apply result): its text, or an EngineError that says what is
 * wrong with it. `what` names it in messages ("the plan file"), `hint` says how to make a good one.
 */
export function readInputFile(
  path: string,
  options: { what: string; hint: string; maxBytes?: number },
): string {
  const result = readRegularFile(path, options.maxBytes ?? MAX_JSON_BYTES);
  if (result.ok) return result.bytes.toString('utf8');
  if ('refusal' in result) {
    throw new EngineError(
      result.refusal.reason === 'too-large' ? 'file-too-large' : 'not-a-regular-file',
      `cannot read ${options.what}: ${describeRefusal(path, result.refusal)}`,
      { source: 'user', hint: `pass a regular file; ${options.hint}` },
    );
  }
  throw new EngineError(
    'missing' in result ? 'input-not-found' : 'input-unreadable',
    `cannot read ${options.what} ${path}${'missing' in result ? ': no such file' : ''}`,
    { source: 'user', cause: result.cause, hint: options.hint },
  );
}
