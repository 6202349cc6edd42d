/**
 * Text that comes from a pull request (names, tag values, notes, file paths) must render inert in a comment:
 * it cannot close a <details> block, open an HTML comment, forge the hidden marker, mention people or teams,
 * or turn into links, emphasis or tables.
 */
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

/** For plain Markdown text: HTML is escaped, Markdown punctuation backslash-escaped, mentions defused. */
export function escapeMarkdown(text: string): string {
  return defuseMentions(escapeHtml(text).replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)).replace(
    /\r?\n/g,
    ' ',
  );
}

/** A value shown as code: inside <code>, Markdown is not parsed, and escaped HTML cannot break out. */
export function code(text: string): string {
  return `<code>${defuseMentions(escapeHtml(text)).replace(/\|/g, '&#124;').replace(/\r?\n/g, '↵')}</code>`;
}
