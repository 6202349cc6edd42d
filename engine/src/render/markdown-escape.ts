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

/** An email address, as people write it. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * GitHub forms no mention inside <code>: an email becomes inline code, whole, and any other @ is code of its
 * own. Copied, both give back the very text (no invisible character joins them).
 */
function inertWithoutMentions(text: string): string {
  const lone = (t: string) => inert(t).replace(/@/g, '<code>@</code>');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(EMAIL)) {
    out += `${lone(text.slice(last, m.index))}<code>${inert(m[0])}</code>`;
    last = m.index + m[0].length;
  }
  return out + lone(text.slice(last));
}

/** Inert text on one line: every special character a reference, and no autolink (scheme://... nor www.). */
function inert(text: string): string {
  const entities = text.replace(/\r?\n/g, ' ').replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
  return entities.replace(/:\/\//g, '&#58;//').replace(/www\./gi, (w) => `${w.slice(0, 3)}&#46;`);
}

/** For text in Markdown or in an HTML block: inert, on one line. */
export function escapeMarkdown(text: string): string {
  return inertWithoutMentions(text);
}

/** A value shown as code, inert in the same way (no mention forms inside <code>). */
export function code(text: string): string {
  return `<code>${inert(text)}</code>`;
}
