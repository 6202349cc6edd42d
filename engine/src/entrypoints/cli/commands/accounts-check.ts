import { ExitCode } from '../../../domain/errors.js';
import { checkManagedAccounts } from '../../../app/operator/accounts.js';
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
  const ports = await connectAccounts(io, loaded.desired);
  const { findings, managed } = await checkManagedAccounts(ports, loaded.desired, new Date().toISOString());
  if (options.format === 'json') io.stdout.write(JSON.stringify(findings, null, 2) + '\n');
  else for (const f of findings) io.stdout.write(`${f.accountId} ${f.name}: ${f.code}: ${f.message}\n`);
  io.stderr.write(`${findings.length} finding(s) over ${managed} managed account(s)\n`);
  return findings.length > 0 ? ExitCode.userError : ExitCode.ok;
}
