import { sha256Hex } from '../domain/digest.js';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX = 60;

/**
 * A part of a file name for any text (a cost center is whatever a tag says): letters, digits, '.', '_' and '-',
 * safe on every file system and in URLs. When the text had to change to become one (other characters, too long,
 * a name Windows reserves) a short hash of the original is appended, so that two texts never share a file.
 */
export function fileSlug(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX)
    .replace(/[-.]+$/g, '');
  if (slug !== '' && slug === text && !RESERVED.test(slug)) return slug;
  return `${slug || 'x'}-${sha256Hex(text).slice(0, 8)}`;
}

/**
 * Slugs for a set of texts, unique even on case-insensitive file systems: texts whose slugs differ only by
 * case ("cc-a" and "CC-A") both get the hash.
 */
export function fileSlugs(texts: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const byLower = new Map<string, string[]>();
  for (const text of new Set(texts)) {
    const slug = fileSlug(text);
    out.set(text, slug);
    const key = slug.toLowerCase();
    byLower.set(key, [...(byLower.get(key) ?? []), text]);
  }
  for (const group of byLower.values()) {
    if (group.length < 2) continue;
    for (const text of group) out.set(text, `${out.get(text)!}-${sha256Hex(text).slice(0, 8)}`);
  }
  return out;
}
