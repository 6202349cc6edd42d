/**
 * Text in a CSV file or a spreadsheet cell comes from settings and AWS (cost centers, account names). A text
 * that starts like a formula (=, +, -, @, or a tab or carriage return that some programs skip) is run as one by
 * spreadsheets that open the file ("CSV injection"). It must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * For a CSV field: a formula-looking text gets a leading apostrophe, which spreadsheets read as "this is text".
 * The apostrophe is part of the field; readers of our own CSV files remove it with `unescapeCsvText`.
 */
export function escapeCsvText(text: string): string {
  // A text that already starts with apostrophes before a formula sign gets one more, so that reading back is exact.
  return ESCAPED.test(text) ? `'${text}` : text;
}

/** The text `escapeCsvText` was given. */
export function unescapeCsvText(field: string): string {
  return field.startsWith("'") && ESCAPED.test(field.slice(1)) ? field.slice(1) : field;
}

const ESCAPED = /^'*[=+\-@\t\r]/;

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** For a spreadsheet cell: characters that XML 1.0 cannot carry would make the whole file unreadable. */
export function xlsxText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}
