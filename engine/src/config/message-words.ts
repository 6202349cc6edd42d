import { closest, distance } from 'fastest-levenshtein';
import { escapeInvisible } from '../domain/visible-text.js';
import { segmentsOf } from './pointer.js';

/** How a message names a value: `budget.thresholds[1]`, `tags["a b"]`, or `the file`. */
export function describePointer(pointer: string): string {
  const segments = segmentsOf(pointer);
  if (segments.length === 0) return 'the file';
  return segments
    .map((s, i) =>
      /^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][\w-]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `["${s}"]`,
    )
    .join('');
}

/** ` in <value>`, or nothing for the whole file. */
export function pointerLabel(pointer: string): string {
  return pointer === '' ? '' : ` in ${describePointer(pointer)}`;
}

/** The candidate a typo most likely meant, or undefined when none is close enough. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/** `a string`, `an integer`, `a mapping`: a JSON Schema type in the words of YAML. */
export function article(type: string): string {
  const word = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

/** A value quoted for a message: JSON, invisible characters escaped, at most 80 characters. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  text = escapeInvisible(text);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The number of entries of a list or mapping. */
export function countOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') return Object.keys(value).length;
  return 0;
}
