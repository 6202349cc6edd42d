import { convertOriginalCsv } from '../../adopt/original-csv.js';
import { readOriginalSettings, type OriginalSettings } from '../../adopt/original-file.js';
import { importOriginal as convert, type ConvertedCsv } from '../../adopt/original-model.js';
import type { ImportNote } from '../../adopt/notes.js';
import { siteOf } from '../../config/locate.js';
import { diagnostic, type Diagnostic } from '../../domain/diagnostic.js';
import { EngineError } from '../../domain/errors.js';
import type { Output } from '../../ports/output.js';
import { renderDiagnosticsText } from '../../render/diagnostics.js';
import {
  refuseOverwrite,
  reportImport,
  writeRepository,
  type ImportAws,
  type ImportPorts,
} from './import-settings.js';

/** What `spa import --from-spa` works through: an import's ports, and the original settings file. */
export type OriginalImportPorts = ImportPorts & {
  /** The settings file of the original SPA, and the files it names (relative to it). */
  original: { name: string; text(): Uint8Array; read(path: string): Uint8Array };
};

const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

/**
 * `spa import --from-spa settings.yaml`: the repository equivalent to an original SPA deployment, from its
 * settings file and the live organization. False when the original file has problems (shown with their line
 * and column) and nothing was written.
 */
export async function importOriginal(
  deps: OriginalImportPorts,
  options: { region?: string | undefined; force: boolean },
): Promise<boolean> {
  const { out, target } = deps;
  await refuseOverwrite(target, options.force);
  const name = deps.original.name;
  const read = readOriginalSettings(
    name,
    readBytes(() => deps.original.text(), name),
  );
  const lines = new Map([[name, read.lines]]);
  const fail = (diagnostics: Diagnostic[]) => {
    out.info(renderDiagnosticsText({ diagnostics, fileCount: 1, lines }, out.color.info));
    out.info(`${name} cannot be imported: nothing was written. Fix the errors above and run again.`);
    return false;
  };
  if (!read.settings) return fail(read.diagnostics);
  const original = read.settings;
  const csv = convertedCsv(deps, original);
  if (csv.diagnostics.length) return fail(csv.diagnostics);
  const region = options.region ?? text(original.keys.get('automation.region')?.value) ?? 'us-east-1';
  if (!REGION.test(region))
    throw new EngineError('invalid-region', `region "${region}" is not a region code`, {
      source: 'user',
      hint: 'pass --region with a code such as eu-west-1',
    });
  const roleArn = text(original.keys.get('automation.role_arn_to_manage_accounts')?.value);
  const aws = deps.connect(region, roleArn);
  const observed = await readEverything(aws, out).finally(() => out.progress.done());
  const converted = convert({ original, region, observed, csv: csv.files });
  if (!converted.model) return fail(converted.diagnostics);
  const written = await writeRepository(target, out, converted.model);
  const m = converted.model;
  reportImport(
    out,
    target.location,
    `imported ${name} and organization ${observed.organizationId} into ${target.location}: ${written} files, ${m.ous.size} OUs, ${m.accounts.size} account files, ${m.csv.size} CSV file(s)`,
    [...csv.notes, ...converted.notes],
  );
  return true;
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function readBytes(read: () => Uint8Array, name: string): Uint8Array {
  try {
    return read();
  } catch (cause) {
    throw new EngineError('original-not-found', `cannot read ${name}: ${(cause as Error).message}`, {
      source: 'user',
      cause,
      hint: 'give the path of the settings file of the original SPA, such as --from-spa ../spa/settings.yaml',
    });
  }
}

/** The CSV files of features.with_csv_files, in this edition's grammar; a file that cannot be read is a diagnostic. */
function convertedCsv(
  deps: OriginalImportPorts,
  original: OriginalSettings,
): { files: ConvertedCsv[]; notes: ImportNote[]; diagnostics: Diagnostic[] } {
  const entry = original.keys.get('features.with_csv_files');
  const paths = Array.isArray(entry?.value) ? entry.value.map(String) : [];
  const out = { files: [] as ConvertedCsv[], notes: [] as ImportNote[], diagnostics: [] as Diagnostic[] };
  paths.forEach((path, i) => {
    const pointer = `${entry!.pointer}/${i}`;
    let bytes: Uint8Array;
    try {
      bytes = deps.original.read(path);
    } catch (cause) {
      out.diagnostics.push(
        diagnostic(siteOf(original.file, original.positions, pointer), {
          code: 'original-csv-not-found',
          summary: `cannot read the CSV file ${path}: ${(cause as Error).message}`,
          value: path,
          hint: `put ${path} next to ${original.file}, or remove it from the list`,
        }),
      );
      return;
    }
    const base = path.slice(path.lastIndexOf('/') + 1);
    const converted = convertOriginalCsv(base, new TextDecoder().decode(bytes));
    out.files.push({ name: base.endsWith('.csv') ? base : `${base}.csv`, ...converted });
    out.notes.push(...converted.notes);
  });
  return out;
}

/** The whole organization, with the tags of every OU (an original settings file may name any of them). */
async function readEverything(aws: ImportAws, out: Output) {
  const { progress } = out;
  progress.update('checking the organization the credentials reach...');
  const identity = await aws.reader.identity();
  progress.update('reading the OU tree...');
  const tree = await aws.reader.readOuTree();
  return aws.reader.readOrganization({
    identity,
    ouTagPaths: new Set(tree.ous.keys()),
    progress: (p) =>
      p.tagsTotal === 0
        ? progress.count('reading the organization', p.accounts, undefined, `accounts found in ${p.ous} OUs`)
        : progress.count('reading the organization', p.tagsRead, p.tagsTotal, 'accounts and OUs read'),
  });
}
