import { locate } from '../config/locate.js';
import { pointerOf } from '../config/pointer.js';
import { canonicalJson, sealCanonical, sha256Hex } from '../domain/digest.js';
import type { AccountEntry, OuEntry, SettingsModel } from '../domain/model.js';
import { reservedTags } from '../domain/names.js';
import type { SourceFile } from '../domain/source.js';
import { effectiveOf } from './chain.js';
import { csvRowsData } from './csv-level.js';
import { yamlLevel } from './level-data.js';
import { effectiveOu, type OuTree } from './ou-tree.js';
import { ouTreeOfModel } from './ou-tree-of.js';
import { desiredPolicies } from './policies.js';
import { publishedReportSettings } from './report-settings.js';
import {
  DESIRED_VERSION,
  type DesiredAccount,
  type DesiredOrganization,
  type DesiredOu,
  type GlobalSettings,
} from './types.js';

export interface CompileSource {
  commit: string | null;
  files: readonly SourceFile[];
}

/** The digest of the settings files read: each path with the digest of its bytes. */
export function fileDigests(files: readonly SourceFile[]): Record<string, string> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return Object.fromEntries(sorted.map((f) => [f.path, sha256Hex(f.bytes)]));
}

/** One digest over every settings file (its path and bytes). */
export function settingsDigestOf(digests: Record<string, string>): string {
  const lines = Object.entries(digests).map(([path, digest]) => `${path}\u0000${digest}`);
  return `sha256:${sha256Hex(lines.join('\n'))}`;
}

function globalSettings(model: SettingsModel, tree: OuTree, provenance: boolean): GlobalSettings {
  const { settings } = model;
  const r = settings.resolved;
  const out: GlobalSettings = {
    file: settings.file,
    aws: { ...r.aws },
    tagPolicy: { ...r.tagPolicy, ignore: [...r.tagPolicy.ignore] },
    accountNames: r.accountNames,
    serviceControlPolicies: desiredPolicies(model),
    reservedTags: reservedTags(r.tagPolicy.prefix),
    budgets: { ...r.budgets },
    reporting: { ...r.reporting, currencies: [...r.reporting.currencies] },
    reports: publishedReportSettings(settings.value),
    notifications: r.notifications,
    github: { ...r.github },
    githubLogins: { ...r.githubLogins },
    runtime: { ...r.runtime },
  };
  if (settings.value.defaults)
    out.defaults = yamlLevel(
      'defaults',
      settings.file,
      settings.positions,
      '/defaults',
      settings.value.defaults as Record<string, unknown>,
      'defaults',
      provenance,
    );
  if (tree.maintenanceWindow) out.maintenanceWindow = tree.maintenanceWindow;
  return out;
}

function desiredOu(tree: OuTree, entry: OuEntry, provenance: boolean): DesiredOu {
  const effective = effectiveOu(tree, entry.path);
  const slash = entry.path.lastIndexOf('/');
  const ouTags: DesiredOu['ouTags'] = {};
  for (const [key, value] of Object.entries(entry.value.ouTags ?? {}))
    ouTags[key] = {
      value,
      source: {
        file: entry.file,
        line: provenance ? locate(entry.positions, pointerOf(['ouTags', key])).line : 0,
      },
    };
  return {
    path: entry.path,
    name: entry.path.slice(slash + 1),
    parentPath: slash < 0 ? '' : entry.path.slice(0, slash),
    file: entry.file,
    managed: effective.managed.value,
    ouTags,
    serviceControlPolicies: effective.serviceControlPolicies,
    level: yamlLevel(
      'ou',
      entry.file,
      entry.positions,
      '',
      entry.value as Record<string, unknown>,
      undefined,
      provenance,
    ),
  };
}

function desiredAccount(
  model: SettingsModel,
  desired: Pick<DesiredOrganization, 'settings'>,
  ous: ReadonlyMap<string, DesiredOu>,
  entry: AccountEntry,
  csvByFile: ReadonlyMap<string, DesiredAccount['csv']>,
  provenance: boolean,
): DesiredAccount {
  const level = yamlLevel(
    'account',
    entry.file,
    entry.positions,
    '',
    entry.value as unknown as Record<string, unknown>,
    undefined,
    provenance,
  );
  const csv = csvByFile.get(entry.file);
  const ouPath = entry.value.organizationalUnit ?? model.settings.value.defaults?.organizationalUnit;
  const account: DesiredAccount = {
    name: entry.value.name,
    email: entry.value.email.toLowerCase(),
    file: entry.file,
    level,
    settings: effectiveOf(desired, ous, { ouPath, account: level, csv }),
  };
  if (entry.value.id !== undefined) account.id = entry.value.id;
  if (csv) account.csv = csv;
  return account;
}

/** The desired organization before it is sealed with its source and digest. */
export type DesiredBody = Omit<DesiredOrganization, 'digest' | 'source'>;

/**
 * The whole desired organization, once: the OU tree with its managed flags and OU tags, and every account file
 * with its effective settings and their provenance. `spa compile` writes it; plans diff it against AWS; the
 * runtime reads it instead of the repository.
 */
export function compileOrganization(
  model: SettingsModel,
  options: { provenance?: boolean } = {},
): DesiredBody {
  const provenance = options.provenance ?? true;
  const tree = ouTreeOfModel(model, provenance);
  const settings = globalSettings(model, tree, provenance);
  const paths = [...model.ous.keys()].sort(
    (a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1),
  );
  const ous = new Map(paths.map((p) => [p, desiredOu(tree, model.ous.get(p)!, provenance)]));
  const csvByFile = new Map(
    model.csv.flatMap((r) => (r.accountFile ? [[r.accountFile, csvRowsData(r)] as const] : [])),
  );
  return {
    version: DESIRED_VERSION,
    kind: 'spa-effective-settings',
    environment: model.settings.resolved.environment,
    settings,
    organizationalUnits: [...ous.values()],
    accounts: model.accounts.map((entry) =>
      desiredAccount(model, { settings }, ous, entry, csvByFile, provenance),
    ),
    csvRows: model.csv.filter((r) => r.accountFile === undefined).map(csvRowsData),
  };
}

const canonicalTexts = new WeakMap<DesiredOrganization, string>();

/** The canonical JSON of a sealed desired organization (computed once, when it was sealed). */
export function canonicalTextOf(desired: DesiredOrganization): string {
  return canonicalTexts.get(desired) ?? canonicalJson(desired);
}

/** Seals a desired organization: the commit and files it was made from, and the digest of the whole. */
export function sealDesired(body: DesiredBody, source: CompileSource): DesiredOrganization {
  const files = fileDigests(source.files);
  const sealed: Omit<DesiredOrganization, 'digest'> = {
    ...body,
    source: { commit: source.commit, settingsDigest: settingsDigestOf(files), files },
  };
  const { digest, text } = sealCanonical(sealed);
  const out = { ...sealed, digest };
  canonicalTexts.set(out, text);
  return out;
}

export function compileDesired(model: SettingsModel, source: CompileSource): DesiredOrganization {
  return sealDesired(compileOrganization(model), source);
}
