import type { Diagnostic } from '../domain/diagnostic.js';

/** Settings files larger than this are refused: a settings file is hand-written and small. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes UTF-8 (a leading BOM is dropped); anything else is a diagnostic that points at the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): DecodeResult {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        code: 'file-too-large',
        file,
        line: 1,
        column: 1,
        pointer: '',
        summary: `the file is ${bytes.byteLength} bytes, more than the ${MAX_FILE_BYTES} a settings file may have`,
        value: bytes.byteLength,
        allowed: `at most ${MAX_FILE_BYTES} bytes`,
        hint: 'split the file, or check that it is the file you meant to commit',
      },
    };
  }
  try {
    return { ok: true, text: fatal.decode(bytes) };
  } catch {
    return { ok: false, diagnostic: notUtf8(file, bytes) };
  }
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
        return {
          severity: 'error',
          code: 'not-utf8',
          file,
          line,
          column: Math.max(column, 1),
          pointer: '',
          summary: 'the file is not valid UTF-8',
          allowed: 'UTF-8 text',
          hint: 'save the file as UTF-8 (in most editors: "Save with encoding", then UTF-8)',
        };
      }
      start = i + 1;
      line++;
    }
  }
  return {
    severity: 'error',
    code: 'not-utf8',
    file,
    line: 1,
    column: 1,
    pointer: '',
    summary: 'the file is not valid UTF-8',
    allowed: 'UTF-8 text',
    hint: 'save the file as UTF-8',
  };
}
