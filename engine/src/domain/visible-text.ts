/**
 * Characters that change how text looks without being seen: zero-width characters, bidirectional controls
 * (the "Trojan Source" characters that reorder what a reviewer reads), line and paragraph separators, and
 * control characters (a terminal runs escape sequences). Settings files may not hold them, and every place
 * that quotes text from settings or AWS shows them as escapes.
 */
const NAMED: ReadonlyMap<number, string> = new Map([
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)'],
]);

/** Control characters (C0 but tab, line feed and carriage return; DEL; C1) and the named ones above. */
export const INVISIBLE_CHARACTER =
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060\u2066-\u2069\uFEFF]/;
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE_CHARACTER.source, 'g');

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, `U+001B (a control character)`. */
export function codePointName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMED.get(code);
  return name ? `${hex} ${name}` : `${hex} (a control character)`;
}

/** The text with each invisible character written as \uXXXX, so that it can be shown safely. */
export function escapeInvisible(text: string): string {
  return text.replace(
    INVISIBLE_GLOBAL,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** The first invisible character of a text and its 0-based index, if any. */
export function firstInvisible(text: string): { index: number; char: string } | undefined {
  const m = INVISIBLE_CHARACTER.exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}
