import { ExitCode } from '../../../domain/errors.js';
import { inOu } from '../../../lifecycle/account-view.js';
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
  const stateKey = loaded.desired.settings.reservedTags.state;
  const views = (await (await connectAccounts(io, loaded.desired)).views()).filter(
    (v) =>
      v.settings !== undefined &&
      inOu(v, options.ou) &&
      (options.state === undefined || (v.tags[stateKey] ?? 'none') === options.state),
  );
  const rows = views.map((v) => ({
    id: v.id,
    name: v.name,
    ou: v.ouPath,
    state: v.tags[stateKey] ?? 'none',
    transaction: v.record?.transaction
      ? `${v.record.transaction.kind} until ${v.record.transaction.deadline}${v.record.transaction.failedAt ? ' (stuck)' : ''}`
      : '',
    lastConsoleLogin: v.record?.lastConsoleLogin
      ? `${v.record.lastConsoleLogin.at} ${v.record.lastConsoleLogin.identity}`
      : '',
  }));
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
