/**
 * Text that comes from a pull request (names, tag values, notes, file paths) must render inert in a comment:
 * it cannot close a <details> block, open an HTML comment, forge the hidden marker, mention people or teams,
 * or turn into links, emphasis, code or tables. Every character with a meaning in HTML or Markdown becomes a
 * numeric character reference: browsers show the character, and neither HTML nor Markdown act on it, in an
 * HTML block (<summary>) as in Markdown text (lists, tables).
 */
const SPECIAL = /[&<>"'`*_[\]|~\\$#]/g;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A zero-width space after @ keeps GitHub from turning @user or @org/team into a mention. */
function defuseMentions(text: string): string {
  return text.replace(/@/g, '@\u200b');
}

/** For text in Markdown or in an HTML block: inert, on one line. */
export function escapeMarkdown(text: string): string {
  const entities = text.replace(/\r?\n/g, ' ').replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
  // No autolinks either: neither scheme://... nor www.
  return defuseMentions(
    entities.replace(/:\/\//g, '&#58;//').replace(/www\./gi, (w) => `${w.slice(0, 3)}&#46;`),
  );
}

/** A value shown as code, inert in the same way. */
export function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}
