import { withoutManagedTags } from '../domain/managed-tags.js';
import { budgetName, reservedTags } from '../domain/names.js';
import type {
  ObservedAccount,
  ObservedBudget,
  ObservedOrganization,
  ObservedPolicies,
  Tags,
} from '../observed/types.js';
import { budgetState } from '../changes/budget-state.js';
import type { ImportNote } from './notes.js';
import { importPolicies } from './policies.js';
import type { RepositoryModel, YamlValue } from './repository.js';
import { sharedTags } from './shared-tags.js';

export const SHARED_TAGS_FILE = 'imported-tags.csv';

/** What `spa import --ou` turns into settings: the organization as read, and the choices of the command line. */
export interface OrganizationImport {
  environment: string;
  region: string;
  tagPrefix: string;
  /** A role to assume in the management account (aws.managementRoleArn). */
  managementRoleArn?: string;
  /** The OU paths whose accounts become managed. */
  roots: readonly string[];
  /** The organization, with the tags of every OU on and below the roots. */
  observed: ObservedOrganization;
  /** The environment's budgets (`<environment>-<account id>`), by name. */
  budgets: ReadonlyMap<string, ObservedBudget>;
  /** The service control policies, with those attached to the OUs of the import. */
  policies?: ObservedPolicies;
}

export interface ImportedOrganization {
  model: RepositoryModel;
  notes: ImportNote[];
  /** The accounts written, and the OUs. */
  counts: { accounts: number; ous: number; budgets: number; csvTags: number };
}

/** Whether `path` is `root` or below it. */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** Roughly what ajv-formats accepts as an email: a holder tag that is not one is kept in AWS, not written. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** The holder tag as a `holder` value, when it is an email address (else it is kept in AWS and not written). */
export function holderOf(tag: string | undefined): string | undefined {
  return tag !== undefined && EMAIL.test(tag) ? tag : undefined;
}

/** An account name that is also a file name on every system: printable ASCII, no path separator. */
export function fileNameProblem(name: string): string | undefined {
  if (!/^[\x20-\x7E]{1,50}$/.test(name)) return 'is not 1 to 50 printable ASCII characters';
  if (/[/\\]/.test(name) || name.startsWith('.') || name !== name.trim())
    return 'cannot be a file name (a slash, a leading dot or surrounding spaces)';
  return undefined;
}

/**
 * The settings repository that describes the organization as it is: settings.yaml, a file per OU on and below
 * the roots (managed: true on the roots) and on the way to them, a file per account below the roots with its
 * name, email, id, OU, holder, tags and budget, and the tags many accounts share in one CSV file when that is
 * shorter. The notes say what the first plan will still change, and why.
 */
export function importOrganization(input: OrganizationImport): ImportedOrganization {
  const { observed, roots } = input;
  const reserved = reservedTags(input.tagPrefix);
  const notes: ImportNote[] = [];
  const inScope = (path: string) => roots.some((r) => isWithin(path, r));

  const ous = ouFiles(observed, roots);
  const members = observed.accounts.filter(
    (a) => a.ouPath !== '' && inScope(a.ouPath) && a.id !== observed.managementAccountId,
  );
  const budgets = members.flatMap((a) => {
    const b = input.budgets.get(budgetName(input.environment, a.id));
    return b && a.status === 'ACTIVE' ? [[a, b] as const] : [];
  });
  const topic = commonTopic(budgets.map(([, b]) => b));

  const taken = new Map<string, string>();
  const written: { account: ObservedAccount; value: YamlValue; tags: Tags }[] = [];
  for (const a of members) {
    const problem = fileNameProblem(a.name);
    const clash = taken.get(a.name.toLowerCase());
    if (problem || clash) {
      notes.push({
        kind: 'skipped',
        subject: `account ${a.id}`,
        message: `no file for "${a.name}": its name ${problem ?? `is also the name of account ${clash}`}; it stays managed through its OU ${a.ouPath}, its own tags left as they are`,
      });
      continue;
    }
    taken.set(a.name.toLowerCase(), a.id);
    written.push(accountFile(input, a, reserved, topic, notes));
  }

  const active = written.filter((w) => w.account.status === 'ACTIVE');
  const shared = sharedTags(active.map((w) => ({ id: w.account.id, tags: w.tags })));
  const accounts = withoutShared(written, shared.keys);

  const scps = importPolicies(input.policies, ous);
  const settings: YamlValue = {
    environment: input.environment,
    aws: {
      region: input.region,
      managementAccountId: observed.managementAccountId,
      ...(input.managementRoleArn ? { managementRoleArn: input.managementRoleArn } : {}),
    },
    ...(input.tagPrefix !== 'account-' ? { tagPolicy: { prefix: input.tagPrefix } } : {}),
    ...(topic ? { budgets: { alertTopicArn: topic } } : {}),
    ...(scps.settings ? { serviceControlPolicies: scps.settings } : {}),
  };
  return {
    model: {
      settings,
      ous,
      accounts,
      csv: new Map(shared.csv ? [[SHARED_TAGS_FILE, shared.csv]] : []),
      policies: scps.files,
      origin: `Imported by spa import from organization ${observed.organizationId}: ${roots.join(', ')}.`,
    },
    notes,
    counts: { accounts: accounts.size, ous: ous.size, budgets: budgets.length, csvTags: shared.keys.length },
  };
}

/** The account files, without the tags the CSV file gives (a closed account is in no CSV: it keeps them all). */
function withoutShared(
  written: readonly { account: ObservedAccount; value: YamlValue; tags: Tags }[],
  keys: readonly string[],
): Map<string, YamlValue> {
  const accounts = new Map<string, YamlValue>();
  for (const w of written) {
    const own = Object.entries(w.tags).filter(([k]) => w.account.status !== 'ACTIVE' || !keys.includes(k));
    const { budget, closed, ...head } = w.value;
    accounts.set(w.account.name, {
      ...head,
      ...(own.length ? { tags: Object.fromEntries(own) } : {}),
      ...(budget ? { budget } : {}),
      ...(closed ? { closed } : {}),
    });
  }
  return accounts;
}

/** The OU files: on and below the roots (managed: true on the roots), and on the way to them; all their tags. */
function ouFiles(observed: ObservedOrganization, roots: readonly string[]): Map<string, YamlValue> {
  const ous = new Map<string, YamlValue>();
  for (const ou of observed.ous.values()) {
    if (!roots.some((r) => isWithin(ou.path, r) || isWithin(r, ou.path))) continue;
    ous.set(ou.path, {
      ...(roots.includes(ou.path) ? { managed: true } : {}),
      ouTags: withoutManagedTags(ou.tags ?? {}),
    });
  }
  return ous;
}

/** The SNS topic every budget notifies, when they all notify the same one (and only one). */
function commonTopic(budgets: readonly ObservedBudget[]): string | undefined {
  const topics = new Set<string>();
  for (const b of budgets) {
    const sns = budgetState(b).subscribers.filter((s) => s.startsWith('arn:'));
    if (sns.length !== 1) return undefined;
    topics.add(sns[0]!);
  }
  return topics.size === 1 ? [...topics][0] : undefined;
}

function accountFile(
  input: OrganizationImport,
  a: ObservedAccount,
  reserved: { state: string; holder: string },
  topic: string | undefined,
  notes: ImportNote[],
): { account: ObservedAccount; value: YamlValue; tags: Tags } {
  const subject = `account ${a.name} (${a.id})`;
  const holderTag = a.tags[reserved.holder];
  const holder = holderOf(holderTag);
  const tags = Object.fromEntries(
    Object.entries(withoutManagedTags(a.tags)).filter(([k]) => k !== reserved.holder && k !== reserved.state),
  );
  const active = a.status === 'ACTIVE';
  if (active) notes.push(...lifecycleNotes(a, reserved));
  const name = budgetName(input.environment, a.id);
  const found = active ? input.budgets.get(name) : undefined;
  const budget = found ? budgetValue(found, holderTag ?? a.email, topic, subject, notes) : undefined;
  return {
    account: a,
    tags,
    value: {
      name: a.name,
      email: a.email,
      id: a.id,
      organizationalUnit: a.ouPath,
      ...(holder ? { holder } : {}),
      ...(budget ? { budget } : {}),
      ...(active ? {} : { closed: true }),
    },
  };
}

/** What the first plan does to a managed account that lacks a reserved tag. */
export function lifecycleNotes(
  a: ObservedAccount,
  reserved: { state: string; holder: string },
): ImportNote[] {
  const subject = `account ${a.name} (${a.id})`;
  const notes: ImportNote[] = [];
  if (a.tags[reserved.state] === undefined)
    notes.push({
      kind: 'first-plan',
      subject,
      message: `has no ${reserved.state} tag: the first plan hands it to the lifecycle (${reserved.state} = vanilla)`,
    });
  if (a.tags[reserved.holder] === undefined)
    notes.push({
      kind: 'first-plan',
      subject,
      message: `has no ${reserved.holder} tag: the first plan sets it to the account email`,
    });
  return notes;
}

function budgetValue(
  b: ObservedBudget,
  holder: string,
  topic: string | undefined,
  subject: string,
  notes: ImportNote[],
): YamlValue {
  const state = budgetState(b);
  const want = [holder, ...(topic ? [topic] : [])].sort();
  const uniform = b.notifications.every(
    (n) => JSON.stringify(n.subscribers) === JSON.stringify(state.subscribers),
  );
  if (state.thresholds.length === 0)
    notes.push({
      kind: 'first-plan',
      subject,
      message: `budget ${b.name} has no notification: the first plan adds the default thresholds 80 and 100%`,
    });
  else if (!uniform || JSON.stringify(state.subscribers) !== JSON.stringify(want))
    notes.push({
      kind: 'first-plan',
      subject,
      message: `budget ${b.name} notifies ${state.subscribers.join(', ') || 'nobody'}: the first plan makes every threshold notify ${want.join(', ')}`,
    });
  return {
    amount: b.amount,
    ...(b.currency !== 'USD' ? { currency: b.currency } : {}),
    ...(state.thresholds.length ? { thresholds: state.thresholds.slice(0, 5) } : {}),
  };
}
