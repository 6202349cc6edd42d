/**
 * The keys of CSV values (`note`, `budget`, `tag:<key>`, `preparation:<VAR>`, `purge:<VAR>`): written once here,
 * read by the CSV reader, the cross-file checks and the precedence chain.
 */
export type CsvKey =
  | { kind: 'note' }
  | { kind: 'budget' }
  | { kind: 'tag'; name: string }
  | { kind: 'preparation'; name: string }
  | { kind: 'purge'; name: string };

export const csvKey = {
  /** The key of the Account column: it names the row's account and is not a value (`parse` refuses it). */
  account: 'account',
  note: 'note',
  budget: 'budget',
  tag: (key: string): string => `tag:${key}`,
  preparation: (name: string): string => `preparation:${name}`,
  purge: (name: string): string => `purge:${name}`,
  parse(key: string): CsvKey {
    if (key === 'note' || key === 'budget') return { kind: key };
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const name = key.slice(colon + 1);
    if (kind === 'tag' || kind === 'preparation' || kind === 'purge') return { kind, name };
    throw new Error(`not a CSV key: ${key}`);
  },
} as const;
