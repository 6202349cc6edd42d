/**
 * What an import tells its user besides the files: what the first plan will still change (and why), what had
 * no place in the settings, and what the original SPA did that this edition does differently on purpose.
 */
export interface ImportNote {
  kind: 'first-plan' | 'skipped' | 'no-equivalent' | 'difference';
  /** What the note is about: `account alice (012345678901)`, `automation.verbosity`... */
  subject: string;
  message: string;
}

const TITLES: Record<ImportNote['kind'], string> = {
  'first-plan': 'The first spa plan will still change',
  difference: 'What this edition does differently from the original, on purpose',
  'no-equivalent': 'Settings with no equivalent here (not carried over)',
  skipped: 'Left out',
};

/** The notes for people, grouped by kind, at most `limit` lines per group (the count of the rest is said). */
export function renderNotes(notes: readonly ImportNote[], limit = 20): string {
  const out: string[] = [];
  for (const kind of Object.keys(TITLES) as ImportNote['kind'][]) {
    const group = notes.filter((n) => n.kind === kind);
    if (!group.length) continue;
    out.push(`${TITLES[kind]}:`);
    for (const n of group.slice(0, limit)) out.push(`  - ${n.subject}: ${n.message}`);
    if (group.length > limit) out.push(`  ... and ${group.length - limit} more`);
  }
  return out.join('\n');
}
