import { diagnostic, fileStart, type Diagnostic } from '../domain/diagnostic.js';

/** YAML settings files larger than this are refused: a settings file is hand-written and small. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** CSV files are exports of other teams' tables: larger, still bounded (16 MiB is some 200,000 rows). */
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes UTF-8 (a leading BOM is dropped); anything else is a diagnostic that points at the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array, max = MAX_FILE_BYTES): DecodeResult {
  if (bytes.byteLength > max) return { ok: false, diagnostic: fileTooLarge(file, bytes.byteLength, max) };
  try {
    return { ok: true, text: fatal.decode(bytes) };
  } catch {
    return { ok: false, diagnostic: notUtf8(file, bytes) };
  }
}

const EMPTY = {
  yaml: {
    summary: 'the file is empty',
    allowed: 'a YAML mapping of settings',
    hint: 'fill in the file (see the sample settings at the repository root and schemas/README.md) or delete it',
  },
  csv: {
    summary: 'the CSV file is empty',
    allowed: 'a header row with an Account column, then one row per account',
    hint: 'add the header "Account,Tag: cost-center" and rows, or delete the file',
  },
};

/** A file that holds nothing: no YAML value (comments aside), no CSV record. */
export function emptyFile(file: string, kind: 'yaml' | 'csv'): Diagnostic {
  return diagnostic(fileStart(file), { code: 'empty-file', ...EMPTY[kind] });
}

/** `size`: the size of the file, or what was read of it when the reader stopped at `max` + 1 bytes. */
export function fileTooLarge(file: string, size: number, max: number): Diagnostic {
  return diagnostic(fileStart(file), {
    code: 'file-too-large',
    summary: `the file holds more than the ${max} bytes a ${max === MAX_FILE_BYTES ? 'settings' : 'CSV'} file may have${size > max + 1 ? ` (${size} bytes)` : ''}`,
    value: size,
    allowed: `at most ${max} bytes`,
    hint: 'split the file, or check that it is the file you meant to commit',
  });
}

function notUtf8(file: string, bytes: Uint8Array): Diagnostic {
  // A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one.
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const chunk = bytes.subarray(start, i);
      try {
        fatal.decode(chunk);
      } catch {
        const column = lenient.decode(chunk).indexOf('\uFFFD') + 1;
        return diagnostic(
          { file, line, column: Math.max(column, 1), pointer: '' },
          {
            code: 'not-utf8',
            summary: 'the file is not valid UTF-8',
            allowed: 'UTF-8 text',
            hint: 'save the file as UTF-8 (in most editors: "Save with encoding", then UTF-8)',
          },
        );
      }
      start = i + 1;
      line++;
    }
  }
  return diagnostic(fileStart(file), {
    code: 'not-utf8',
    summary: 'the file is not valid UTF-8',
    allowed: 'UTF-8 text',
    hint: 'save the file as UTF-8',
  });
}
