import { csvField } from '../render/spreadsheet-escape.js';

/** An account whose tags may go to a CSV file: its id (the CSV's Account column) and its tags. */
export interface TaggedAccount {
  id: string;
  tags: Record<string, string>;
}

export interface SharedTags {
  /** The tag keys written in the CSV file instead of the account files. */
  keys: string[];
  /** The CSV text (Account, Tag: <key>...), or undefined when repeating the tags in each file is shorter. */
  csv: string | undefined;
}

/** `    key: value\n` under `tags:` in an account file, in characters. */
const yamlLine = (key: string, value: string) => 4 + key.length + value.length + 1;
/** `tags:\n`, written once in a file that has any tag. */
const YAML_TAGS_HEADER = 6;

/**
 * Which tags go to one CSV file: keys are moved there one by one, the most repeated first, as long as the
 * repository gets shorter (the account files lose their lines; the CSV gains a column and a row per account
 * that has any of its keys). Tags that few accounts share stay in their files.
 */
export function sharedTags(accounts: readonly TaggedAccount[]): SharedTags {
  const weight = new Map<string, number>();
  for (const a of accounts)
    for (const [k, v] of Object.entries(a.tags)) weight.set(k, (weight.get(k) ?? 0) + yamlLine(k, v));
  const candidates = [...weight.entries()].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1));
  let chosen: string[] = [];
  let best = size(accounts, chosen);
  for (const [key] of candidates) {
    const trial = [...chosen, key];
    const s = size(accounts, trial);
    if (s < best) {
      best = s;
      chosen = trial;
    }
  }
  chosen.sort();
  return { keys: chosen, csv: chosen.length ? csvText(accounts, chosen) : undefined };
}

/** The characters of every account's tags and of the CSV, with `keys` in the CSV. */
function size(accounts: readonly TaggedAccount[], keys: readonly string[]): number {
  const inCsv = new Set(keys);
  let total = keys.length ? 'Account'.length + 1 + keys.reduce((n, k) => n + `,Tag: ${k}`.length, 0) : 0;
  for (const a of accounts) {
    let yaml = 0;
    let row = 0;
    for (const [k, v] of Object.entries(a.tags)) {
      if (inCsv.has(k)) row += v.length;
      else yaml += yamlLine(k, v);
    }
    total += yaml ? yaml + YAML_TAGS_HEADER : 0;
    if (row) total += a.id.length + keys.length + row + 1;
  }
  return total;
}

/** The CSV of these keys: one row per account that has any of them, sorted by id; an empty cell says nothing. */
export function csvText(accounts: readonly TaggedAccount[], keys: readonly string[]): string {
  const lines = [['Account', ...keys.map((k) => `Tag: ${k}`)].map(csvField).join(',')];
  const rows = accounts
    .filter((a) => keys.some((k) => a.tags[k] !== undefined))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const a of rows) lines.push([a.id, ...keys.map((k) => a.tags[k] ?? '')].map(csvField).join(','));
  return lines.join('\n') + '\n';
}
