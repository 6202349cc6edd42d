import { importOrganization, isWithin } from '../../adopt/organization-model.js';
import { renderNotes, type ImportNote } from '../../adopt/notes.js';
import { repositoryFiles, type RepositoryModel } from '../../adopt/repository.js';
import { suggest } from '../../config/message-words.js';
import { validateSettings } from '../../desired/validate.js';
import { sortDiagnostics } from '../../domain/diagnostic.js';
import { EngineError } from '../../domain/errors.js';
import { budgetPrefix } from '../../domain/names.js';
import type { ObservedOrganization, ObservedPolicies } from '../../observed/types.js';
import type { Output } from '../../ports/output.js';
import type { Ports } from '../../ports/ports.js';
import type { SettingsTarget } from '../../ports/settings-target.js';
import { renderDiagnosticsText } from '../../render/diagnostics.js';

/** What an import reads (only reads: an import never writes to AWS). */
export type ImportAws = Pick<Ports, 'reader' | 'policies'> & {
  /** The budgets of the management account, once the organization said which it is. */
  budgets(managementAccountId: string): Ports['budgets'];
};

/** What `spa import` works through. */
export type ImportPorts = Pick<Ports, 'target' | 'out'> & {
  /** The AWS ports, made once the region is known. */
  connect(region: string, managementRoleArn?: string): ImportAws;
};

export interface ImportOptions {
  ous: readonly string[];
  environment: string;
  region: string;
  tagPrefix: string;
  /** A role to assume in the management account, written to settings.yaml too. */
  managementRoleArn?: string;
  force: boolean;
}

/** The organization as an import reads it: the OU tree, then the tags of what is on and below the roots. */
export async function readForImport(
  aws: ImportAws,
  out: Output,
  roots: readonly string[],
  environment: string,
): Promise<{
  observed: ObservedOrganization;
  budgets: Awaited<ReturnType<Ports['budgets']['listBudgets']>>;
  policies: ObservedPolicies;
}> {
  const { progress } = out;
  progress.update('checking the organization the credentials reach...');
  const identity = await aws.reader.identity();
  progress.update('reading the OU tree...');
  const tree = await aws.reader.readOuTree();
  const paths = [...tree.ous.keys()].sort();
  for (const root of roots) if (!tree.ous.has(root)) throw unknownOu(root, paths, identity.organizationId);
  const tagged = new Set(paths.filter((p) => roots.some((r) => isWithin(p, r) || isWithin(r, p))));
  const observed = await aws.reader.readOrganization({
    identity,
    ouTagPaths: tagged,
    progress: (p) =>
      p.tagsTotal === 0
        ? progress.count('reading the organization', p.accounts, undefined, `accounts found in ${p.ous} OUs`)
        : progress.count('reading the organization', p.tagsRead, p.tagsTotal, 'accounts and OUs read'),
  });
  progress.update('reading the budgets...');
  const budgets = await aws.budgets(identity.managementAccountId).listBudgets(budgetPrefix(environment));
  progress.update('reading the service control policies...');
  const policies = await aws.policies.readPolicies({
    environment,
    ous: new Map(
      [...observed.ous.values()].filter((ou) => tagged.has(ou.path)).map((ou) => [ou.path, ou.id]),
    ),
    withAttachments: true,
  });
  return { observed, budgets, policies };
}

function unknownOu(root: string, paths: readonly string[], organization: string): EngineError {
  const close = suggest(root, paths);
  const known = paths.length ? paths.slice(0, 20).join(', ') + (paths.length > 20 ? ', ...' : '') : 'none';
  return new EngineError(
    'unknown-ou',
    `--ou "${root}": organization ${organization} has no such OU; known: ${known}`,
    {
      source: 'user',
      hint: close
        ? `did you mean --ou "${close}"?`
        : 'give the OU path from the root, names separated by "/", such as Sandbox/Personal',
    },
  );
}

/** Refuses to replace existing settings unless forced: the first file that would be replaced is named. */
export async function refuseOverwrite(target: SettingsTarget, force: boolean): Promise<void> {
  if (force) return;
  const existing = await target.existing();
  if (!existing.length) return;
  throw new EngineError(
    'settings-exist',
    `${target.location}/${existing[0]} already exists${existing.length > 1 ? ` (and ${existing.length - 1} other settings file(s))` : ''}: spa import does not overwrite settings`,
    { source: 'user', hint: 'import into another folder with --out, or pass --force to replace them' },
  );
}

/**
 * Writes a repository: staged aside, read back and validated by the engine's own validation, then moved into
 * place; invalid files are thrown away and nothing in place changes.
 */
export async function writeRepository(
  target: SettingsTarget,
  out: Output,
  model: RepositoryModel,
): Promise<number> {
  const files = repositoryFiles(model);
  out.progress.update(`writing ${files.length} files...`);
  const staged = await target.stage(files);
  try {
    const read = await staged.files();
    const validation = validateSettings(read, { checkOnly: true });
    const errors = validation.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      const report = {
        diagnostics: sortDiagnostics(errors),
        fileCount: validation.fileCount,
        lines: validation.lines,
      };
      throw new EngineError(
        'import-invalid',
        `the imported settings do not pass spa validate; nothing was written:\n${renderDiagnosticsText(report)}`,
        { source: 'system', hint: 'this is a bug of spa import: please report it with this output' },
      );
    }
    await staged.commit();
  } catch (error) {
    await staged.discard();
    throw error;
  }
  return files.length;
}

/** "Then run spa plan": the close of every import. */
export function reportImport(
  out: Output,
  location: string,
  summary: string,
  notes: readonly ImportNote[],
): void {
  out.progress.done();
  const text = renderNotes(notes);
  if (text) out.info(text);
  out.result(
    `${summary}\nValidated. Review the files in ${location}, then run: spa plan --dir ${location}\n`,
  );
}

const ENVIRONMENT = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]{1,512}$/;
const OU_PATH = /^[^/\s][^/]{0,127}(\/[^/\s][^/]{0,127})*$/;

/** The command line of an import, checked before anything is read. */
function checkOptions(options: ImportOptions): void {
  const bad = (code: string, message: string, hint: string) =>
    new EngineError(code, message, { source: 'user', hint });
  if (!options.ous.length)
    throw bad(
      'missing-ou',
      'spa import needs the OUs whose accounts SPA manages',
      'give them with --ou, such as --ou Sandbox',
    );
  for (const ou of options.ous)
    if (!OU_PATH.test(ou))
      throw bad(
        'invalid-ou-path',
        `--ou "${ou}" is not an OU path`,
        'write the path from the root without leading or trailing "/", such as Sandbox/Personal',
      );
  if (!ENVIRONMENT.test(options.environment))
    throw bad(
      'invalid-environment',
      options.environment
        ? `--environment "${options.environment}" is not an environment name`
        : 'spa import needs --environment',
      'give the environment: a letter, then letters, digits and "-", at most 32 characters, such as SpaProd; budgets are named <environment>-<account id>',
    );
  if (!REGION.test(options.region))
    throw bad(
      'invalid-region',
      `region "${options.region}" is not a region code`,
      'pass --region with a code such as eu-west-1',
    );
  if (options.managementRoleArn !== undefined && !ROLE_ARN.test(options.managementRoleArn))
    throw bad(
      'invalid-arn',
      `--management-role-arn "${options.managementRoleArn}" is not an IAM role ARN`,
      'write an IAM role ARN such as arn:aws:iam::111111111111:role/SpaOrganizationsRole',
    );
  if (!options.tagPrefix || options.tagPrefix.length > 100)
    throw bad(
      'invalid-tag-prefix',
      `--tag-prefix "${options.tagPrefix}" is not a tag prefix`,
      'give the prefix of the account-state and account-holder tags, such as account-',
    );
}

/** `spa import --ou PATH... --environment NAME`: the settings repository of the organization as it is. */
export async function importSettings(deps: ImportPorts, options: ImportOptions): Promise<void> {
  const { out, target } = deps;
  checkOptions(options);
  await refuseOverwrite(target, options.force);
  const aws = deps.connect(options.region, options.managementRoleArn);
  const { observed, budgets, policies } = await readForImport(
    aws,
    out,
    options.ous,
    options.environment,
  ).finally(() => out.progress.done());
  const imported = importOrganization({
    environment: options.environment,
    region: options.region,
    tagPrefix: options.tagPrefix,
    roots: options.ous,
    ...(options.managementRoleArn ? { managementRoleArn: options.managementRoleArn } : {}),
    observed,
    budgets,
    policies,
  });
  const written = await writeRepository(target, out, imported.model);
  const c = imported.counts;
  reportImport(
    out,
    target.location,
    `imported organization ${observed.organizationId} into ${target.location}: ${written} files, ${c.ous} OUs, ${c.accounts} accounts, ${c.budgets} budgets${c.csvTags ? `, ${c.csvTags} shared tag(s) in tags-csv/` : ''}`,
    imported.notes,
  );
}
