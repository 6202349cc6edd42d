import type { Account } from '../domain/generated/types.js';
import { diagnostic, fileStart, type Diagnostic, type DiagnosticSite } from '../domain/diagnostic.js';
import type { AccountEntry, OuEntry, SettingsModel } from '../domain/model.js';
import { OUS_DIR } from './layout.js';
import { locationOf, siteOf } from './locate.js';
import { suggest } from './message-words.js';

/** What identifies an account: no two account files may share it. */
interface Identity {
  pointer: string;
  code: string;
  key: (v: Account) => string | undefined;
  what: (v: Account) => string;
  rule: string;
  hint: string;
}

const ANOTHER_FILE = 'keep one file per account: remove or correct one of the two';

const IDENTITIES: readonly Identity[] = [
  {
    pointer: '/name',
    code: 'duplicate-name',
    key: (v) => v.name.toLowerCase(),
    what: (v) => `account name "${v.name}"`,
    rule: 'names are compared without case',
    hint: 'rename one of the two files',
  },
  {
    pointer: '/email',
    code: 'duplicate-email',
    key: (v) => v.email.toLowerCase(),
    what: (v) => `email "${v.email}"`,
    rule: 'emails are compared lowercase',
    hint: ANOTHER_FILE,
  },
  {
    pointer: '/id',
    code: 'duplicate-id',
    key: (v) => v.id || undefined,
    what: (v) => `account id "${v.id}"`,
    rule: 'each AWS account has one file',
    hint: ANOTHER_FILE,
  },
];

/** Each account file: its name, its identities (unique across files), its OU. */
export function checkAccounts(
  settings: SettingsModel['settings'] | undefined,
  ous: ReadonlyMap<string, OuEntry>,
  accounts: readonly AccountEntry[],
  out: Diagnostic[],
): void {
  const known = [...ous.keys()].sort();
  const defaultOu = settings?.value.defaults?.organizationalUnit;
  if (settings && defaultOu !== undefined && !ous.has(defaultOu)) {
    const at = siteOf(settings.file, settings.positions, '/defaults/organizationalUnit');
    out.push(unknownOu(at, defaultOu, known));
  }
  const seen = IDENTITIES.map(() => new Map<string, AccountEntry>());
  for (const a of accounts) {
    const v = a.value;
    if (v.name !== a.fileName) out.push(nameMismatch(a));
    IDENTITIES.forEach((identity, i) => {
      const found = duplicate(identity, seen[i]!, a);
      if (found) out.push(found);
    });
    if (v.organizationalUnit !== undefined) {
      if (!ous.has(v.organizationalUnit))
        out.push(unknownOu(siteOf(a.file, a.positions, '/organizationalUnit'), v.organizationalUnit, known));
    } else if (defaultOu === undefined && settings) {
      out.push(missingOu(a, known));
    }
  }
}

function nameMismatch(a: AccountEntry): Diagnostic {
  const { name } = a.value;
  return diagnostic(siteOf(a.file, a.positions, '/name'), {
    code: 'name-mismatch',
    summary: `name "${name}" differs from the file name "${a.fileName}"`,
    value: name,
    allowed: `"${a.fileName}" (the file name without .yaml)`,
    hint: `rename the file to ${a.file.slice(0, a.file.lastIndexOf('/') + 1)}${name}.yaml, or set name: ${a.fileName}`,
  });
}

/** The diagnostic of the second file that uses an identity; the first one is remembered in `index`. */
function duplicate(
  identity: Identity,
  index: Map<string, AccountEntry>,
  a: AccountEntry,
): Diagnostic | undefined {
  const key = identity.key(a.value);
  if (key === undefined) return undefined;
  const first = index.get(key);
  if (!first) {
    index.set(key, a);
    return undefined;
  }
  return diagnostic(siteOf(a.file, a.positions, identity.pointer), {
    code: identity.code,
    summary: `${identity.what(a.value)} is already used by ${first.file}`,
    value: key,
    allowed: `a value no other account file uses (${identity.rule})`,
    hint: identity.hint,
    related: [locationOf(first.file, first.positions, identity.pointer)],
  });
}

function unknownOu(at: DiagnosticSite, path: string, known: readonly string[]): Diagnostic {
  const guess = suggest(path, known);
  return diagnostic(at, {
    code: 'unknown-ou',
    summary: `organizationalUnit "${path}" does not exist${guess ? `; did you mean "${guess}"?` : ''}`,
    value: path,
    allowed:
      known.length > 0
        ? `known: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''}`
        : 'no OU file exists yet',
    hint: guess
      ? `write "${guess}", or create ${OUS_DIR}${path}.yaml`
      : `create ${OUS_DIR}${path}.yaml, or correct the path`,
  });
}

function missingOu(a: AccountEntry, known: readonly string[]): Diagnostic {
  return diagnostic(fileStart(a.file, '/organizationalUnit'), {
    code: 'missing-ou',
    summary: 'the account has no organizationalUnit, and settings.yaml defaults give none',
    allowed:
      known.length > 0
        ? `one of ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`
        : 'an OU path',
    hint: 'add "organizationalUnit: <OU path>" to the account file, or defaults.organizationalUnit to settings.yaml',
  });
}
