import { siteOf } from '../config/locate.js';
import { diagnostic, type Diagnostic } from '../domain/diagnostic.js';
import { reservedTags } from '../domain/names.js';
import type { ObservedAccount, ObservedOrganization } from '../observed/types.js';
import type { ImportNote } from './notes.js';
import { BUDGET_VARIABLES } from './original-csv.js';
import type { OriginalItem, OriginalSettings, OriginalTask } from './original-file.js';
import { ALERTS_CHANNEL, convertKeys } from './original-keys.js';
import { isManagedTagKey, withoutManagedTags } from '../domain/managed-tags.js';
import { fileNameProblem, holderOf, isWithin, lifecycleNotes } from './organization-model.js';
import type { RepositoryModel, YamlValue } from './repository.js';

/** A CSV file of the original, converted (original-csv.ts), with the accounts its rows name (ids or emails). */
export interface ConvertedCsv {
  name: string;
  text: string;
  accounts: string[];
}

export interface OriginalImport {
  original: OriginalSettings;
  region: string;
  /** The organization, with the tags of every OU. */
  observed: ObservedOrganization;
  csv: readonly ConvertedCsv[];
}

/** Variables of the original's budget that the engine's own budget replaces. */
const BUDGET_ONLY = new Set([
  BUDGET_VARIABLES.amount,
  BUDGET_VARIABLES.threshold,
  'BUDGET_NAME',
  'BUDGET_EMAIL',
]);

/**
 * The repository equivalent to an original SPA deployment: its settings, an OU file per OU it named (managed),
 * a file per account it named or that a CSV row names, the CSV files in this edition's grammar. Ids that the
 * organization does not have are diagnostics at their line in the original file.
 */
export function importOriginal(input: OriginalImport): {
  model?: RepositoryModel;
  notes: ImportNote[];
  diagnostics: Diagnostic[];
} {
  const { original, observed } = input;
  const diagnostics: Diagnostic[] = [];
  const at = (item: OriginalItem) => siteOf(original.file, original.positions, `${item.pointer}/identifier`);
  const ouPaths = new Map([...observed.ous.values()].map((ou) => [ou.id, ou.path]));
  const listed = new Map<string, OriginalItem>();
  for (const item of original.ous) {
    const path = ouPaths.get(item.identifier);
    if (path === undefined)
      diagnostics.push(
        diagnostic(at(item), {
          code: 'original-unknown-ou',
          summary: `OU ${item.identifier} is not in organization ${observed.organizationId}`,
          value: item.identifier,
          allowed: `an OU of the organization: ${[...ouPaths.keys()].slice(0, 10).join(', ')}`,
          hint: 'remove the item, or use the credentials of the organization it belongs to',
        }),
      );
    else listed.set(path, item);
  }
  const byId = new Map(observed.accounts.map((a) => [a.id, a]));
  const named = new Map<string, { account: ObservedAccount; item?: OriginalItem }>();
  for (const item of original.accounts) {
    const account = byId.get(item.identifier);
    if (account) named.set(account.id, { account, item });
    else
      diagnostics.push(
        diagnostic(at(item), {
          code: 'original-unknown-account',
          summary: `account ${item.identifier} is not in organization ${observed.organizationId}`,
          value: item.identifier,
          hint: 'remove the item if the account was closed, or check the id',
        }),
      );
  }
  if (!/^[A-Za-z][A-Za-z0-9-]{0,31}$/.test(original.environment))
    diagnostics.push(
      diagnostic(siteOf(original.file, original.positions, '/environment_identifier'), {
        code: 'original-invalid-environment',
        summary: `environment_identifier "${original.environment}" cannot be an environment here`,
        allowed: "a letter, then letters, digits and '-', at most 32 characters",
        hint: 'the environment prefixes budget names: rename it in a copy of the file, then import that copy',
      }),
    );
  if (diagnostics.length) return { notes: [], diagnostics };
  return { ...repository(input, listed, named), diagnostics };
}

function repository(
  input: OriginalImport,
  listed: Map<string, OriginalItem>,
  named: Map<string, { account: ObservedAccount; item?: OriginalItem }>,
): { model: RepositoryModel; notes: ImportNote[] } {
  const { original, observed } = input;
  const { settings, notes } = convertKeys(original);
  const reserved = reservedTags(
    ((settings.tagPolicy as YamlValue | undefined)?.prefix as string | undefined) ?? 'account-',
  );
  // The original manages the direct children of its OUs, and the accounts its CSV rows name.
  const direct = observed.accounts.filter((a) => listed.has(a.ouPath) && a.status === 'ACTIVE');
  const covered = new Set([...direct.map((a) => a.id), ...named.keys()]);
  const byEmail = new Map(observed.accounts.map((a) => [a.email, a]));
  const byId = new Map(observed.accounts.map((a) => [a.id, a]));
  for (const csv of input.csv)
    for (const ref of csv.accounts) {
      const a = byId.get(ref) ?? byEmail.get(ref);
      if (a && !covered.has(a.id)) named.set(a.id, { account: a });
    }
  const accounts = accountFiles(named, listed, reserved.holder, notes);
  for (const a of [...direct, ...[...named.values()].map((n) => n.account)])
    if (a.status === 'ACTIVE') notes.push(...lifecycleNotes(a, reserved));
  const ous = ouFiles(
    observed,
    listed,
    [...named.values()].map((n) => n.account.ouPath),
    notes,
  );
  if (settings.notifications)
    for (const [path, value] of ous) if (!path.includes('/')) value.notifications = [ALERTS_CHANNEL];
  const defaults = original.defaults ? itemSettings(original.defaults) : {};
  notes.push(...budgetNotes(original, input), ...markNotes(original));
  return {
    model: {
      settings: {
        environment: original.environment,
        ...withRegion(settings, input.region, observed.managementAccountId),
        ...(Object.keys(defaults).length ? { defaults } : {}),
      },
      ous,
      accounts,
      csv: new Map(input.csv.map((c) => [c.name, c.text])),
      origin: `Imported by spa import from the original SPA settings ${original.file} and organization ${observed.organizationId}.`,
    },
    notes,
  };
}

/** A file per account the original named (by id or in a CSV row), in name order of their ids. */
function accountFiles(
  named: Map<string, { account: ObservedAccount; item?: OriginalItem }>,
  listed: Map<string, OriginalItem>,
  holderKey: string,
  notes: ImportNote[],
): Map<string, YamlValue> {
  const accounts = new Map<string, YamlValue>();
  for (const { account, item } of [...named.values()].sort((x, y) =>
    x.account.id < y.account.id ? -1 : 1,
  )) {
    const problem =
      account.ouPath === '' ? 'is at the root of the organization' : fileNameProblem(account.name);
    if (problem) {
      notes.push({
        kind: 'skipped',
        subject: `account ${account.id}`,
        message: `no file: "${account.name}" ${problem}`,
      });
      continue;
    }
    accounts.set(account.name, accountFile(account, item, holderKey));
    notes.push(...inheritedNotes(account, item, listed));
  }
  return accounts;
}

function withRegion(settings: YamlValue, region: string, managementAccountId: string): YamlValue {
  const aws = settings.aws as YamlValue;
  return { ...settings, aws: { region, managementAccountId, ...aws } };
}

/** The OU files: the OUs the original named (managed), their children it did not name, and every path needed. */
function ouFiles(
  observed: ObservedOrganization,
  listed: Map<string, OriginalItem>,
  accountOus: readonly string[],
  notes: ImportNote[],
): Map<string, YamlValue> {
  const wanted = new Set<string>();
  const addPath = (path: string) => {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) wanted.add(parts.slice(0, i).join('/'));
  };
  [...listed.keys(), ...accountOus.filter(Boolean)].forEach(addPath);
  const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  const children = [...observed.ous.keys()].filter((p) => listed.has(parentOf(p)) && !listed.has(p));
  children.forEach(addPath);
  if (children.length)
    notes.push({
      kind: 'difference',
      subject: 'organizational_units',
      message: `the original manages only the accounts directly in its OUs; here nested OUs are managed too, so ${children.join(', ')} are written managed: false to keep the same accounts`,
    });
  const ous = new Map<string, YamlValue>();
  for (const path of [...wanted].sort()) {
    const ou = observed.ous.get(path);
    const item = listed.get(path);
    ous.set(path, {
      ...(item ? { managed: true, ...(item.note ? { note: item.note } : {}) } : {}),
      ...(children.includes(path) ? { managed: false } : {}),
      ouTags: withoutManagedTags(ou?.tags ?? {}),
      ...(item ? itemSettings(item) : {}),
    });
  }
  return ous;
}

/** The settings of an item: tags, unsetTags, budget (from the preparation's budget variables), preparation, purge. */
function itemSettings(item: OriginalItem): YamlValue {
  const out: YamlValue = {};
  // The engine writes managed-by and spa-environment itself: the original's managed-by tag is replaced.
  const tags = withoutManagedTags(item.tags);
  if (Object.keys(tags).length) out.tags = tags;
  if (item.unsetTags.length) out.unsetTags = item.unsetTags;
  const vars = item.preparation?.variables ?? {};
  const amount = Number(vars[BUDGET_VARIABLES.amount]);
  const threshold = Number(vars[BUDGET_VARIABLES.threshold]);
  const budget: YamlValue = {};
  if (vars[BUDGET_VARIABLES.amount] !== undefined && amount > 0) budget.amount = amount;
  if (vars[BUDGET_VARIABLES.threshold] !== undefined && threshold >= 1) budget.thresholds = [threshold];
  if (Object.keys(budget).length) out.budget = budget;
  for (const task of ['preparation', 'purge'] as const) {
    const t = item[task];
    if (t) out[task] = taskSettings(t, task === 'preparation');
  }
  return out;
}

function taskSettings(t: OriginalTask, preparation: boolean): YamlValue {
  const variables = Object.fromEntries(
    Object.entries(t.variables).filter(([k]) => !preparation || !BUDGET_ONLY.has(k)),
  );
  return {
    ...(t.feature ? { enabled: t.feature === 'enabled' } : {}),
    ...(Object.keys(variables).length ? { variables } : {}),
  };
}

function accountFile(a: ObservedAccount, item: OriginalItem | undefined, holderKey: string): YamlValue {
  const holder = holderOf(a.tags[holderKey]);
  return {
    name: a.name,
    email: a.email,
    id: a.id,
    organizationalUnit: a.ouPath,
    ...(holder ? { holder } : {}),
    ...(item?.note ? { note: item.note } : {}),
    ...(item ? itemSettings(item) : {}),
    ...(a.status === 'ACTIVE' ? {} : { closed: true }),
  };
}

/** An account the original named, below an OU it named: here the OU's settings apply to it too. */
function inheritedNotes(
  a: ObservedAccount,
  item: OriginalItem | undefined,
  listed: Map<string, OriginalItem>,
): ImportNote[] {
  const above = [...listed.entries()].filter(
    ([path, ou]) => isWithin(a.ouPath, path) && Object.keys(itemSettings(ou)).length,
  );
  if (!above.length) return [];
  return [
    {
      kind: 'difference',
      subject: `account ${a.name} (${a.id})`,
      message: `the original gave it only the defaults and its own ${item ? 'item' : 'CSV rows'}; here the settings of OU ${above.map(([p]) => p).join(', ')} apply to it too, below its own`,
    },
  ];
}

/** The original's own managed-by tag gives way to the engine's mark of what it manages. */
function markNotes(original: OriginalSettings): ImportNote[] {
  const items = [original.defaults, ...original.ous, ...original.accounts].filter((i) => i !== undefined);
  const keys = [...new Set(items.flatMap((i) => Object.keys(i.tags).filter(isManagedTagKey)))];
  const message = `the engine writes managed-by: spa and spa-environment: ${original.environment} on every account and OU it manages (the apply role may change only those): the original's ${keys.join(', ')} tag is not written in the settings, and the first plan replaces it`;
  return keys.length === 0 ? [] : [{ kind: 'difference', subject: keys.join(', '), message }];
}

function budgetNotes(original: OriginalSettings, input: OriginalImport): ImportNote[] {
  const items = [original.defaults, ...original.ous, ...original.accounts].filter((i) => i !== undefined);
  const amounts = items.some((i) => i.preparation?.variables[BUDGET_VARIABLES.amount] !== undefined);
  const fromCsv = input.csv.some((c) => c.text.split('\n', 1)[0]!.split(',').includes('Budget'));
  if (!amounts && !fromCsv) return [];
  return [
    {
      kind: 'difference',
      subject: 'budgets',
      message: `the engine creates and keeps the budget of every managed account with an amount, named ${original.environment}-<account id> in the management account, whether preparation is enabled or not: the first plan creates them. The original's preparation created BUDGET_NAME in each account: remove those after the first apply. Set budgets.alertTopicArn to the topic infra/ deploys so that alerts become exceptions.`,
    },
  ];
}
