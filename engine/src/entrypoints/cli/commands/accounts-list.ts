import { ExitCode } from '../../../domain/errors.js';
import { listAccounts } from '../../../app/operator/accounts.js';
import type { CliIo } from '../io.js';
import { loadValidSettings } from '../settings.js';
import { connectAccounts } from './accounts-connect.js';

export interface AccountsListOptions {
  dir: string;
  ou?: string;
  state?: string;
  format: 'text' | 'json';
}

/** `spa accounts list`: the managed accounts with their state (tag and record), transaction and last login. */
export async function accountsListCommand(options: AccountsListOptions, io: CliIo): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const rows = await listAccounts(await connectAccounts(io, loaded.desired), loaded.desired, options);
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return ExitCode.ok;
  }
  const header = ['ID', 'NAME', 'OU', 'STATE', 'TRANSACTION', 'LAST CONSOLE LOGIN'];
  const table = [
    header,
    ...rows.map((r) => [r.id, r.name, r.ou, r.state, r.transaction, r.lastConsoleLogin]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    io.stdout.write(
      row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd() + '\n',
    );
  io.stderr.write(`${rows.length} managed account(s)\n`);
  return ExitCode.ok;
}
