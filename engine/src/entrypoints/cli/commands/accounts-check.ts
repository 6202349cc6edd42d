import { ExitCode } from '../../../domain/errors.js';
import { checkAccounts } from '../../../lifecycle/check-accounts.js';
import type { CliIo } from '../io.js';
import { loadValidSettings } from '../settings.js';
import { connectAccounts } from './accounts-connect.js';

/** `spa accounts check`: the original's CheckAccounts. Exit 1 when anything is found. */
export async function accountsCheckCommand(
  options: { dir: string; format: 'text' | 'json' },
  io: CliIo,
): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const views = await (await connectAccounts(io, loaded.desired)).views();
  const findings = checkAccounts(views, loaded.desired.settings.reservedTags, new Date().toISOString());
  if (options.format === 'json') io.stdout.write(JSON.stringify(findings, null, 2) + '\n');
  else for (const f of findings) io.stdout.write(`${f.accountId} ${f.name}: ${f.code}: ${f.message}\n`);
  const managed = views.filter((v) => v.settings !== undefined).length;
  io.stderr.write(`${findings.length} finding(s) over ${managed} managed account(s)\n`);
  return findings.length > 0 ? ExitCode.userError : ExitCode.ok;
}
