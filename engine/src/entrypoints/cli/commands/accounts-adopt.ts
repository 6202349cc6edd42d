import { ExitCode } from '../../../domain/errors.js';
import { adoptUnrecorded } from '../../../app/operator/accounts.js';
import { silentTelemetry } from '../../../ports/telemetry.js';
import type { CliIo } from '../io.js';
import { progress } from '../progress.js';
import { loadValidSettings } from '../settings.js';
import { connectAccounts } from './accounts-connect.js';

/**
 * `spa accounts adopt [--ou PATH]`: writes the record of every managed account in the lifecycle that the runtime
 * has none of, in the state its tag shows (a migration from the original SPA, accounts handed over before the
 * runtime was deployed). A dry run by default, counted; `--yes` writes and puts AdoptedAccount on the bus.
 */
export async function accountsAdoptCommand(
  options: { dir: string; ou?: string; yes?: boolean },
  io: CliIo,
): Promise<number> {
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const ports = { ...(await connectAccounts(io, loaded.desired)), telemetry: silentTelemetry };
  const verb = options.yes ? 'adopted' : 'would adopt';
  const bar = progress(io);
  const { found, managed } = await adoptUnrecorded(
    ports,
    loaded.desired,
    { ou: options.ou, yes: options.yes === true, now: () => new Date().toISOString() },
    (view, state, done, total) => {
      if (options.yes) bar.count('adopting', done, total, 'accounts');
      io.stdout.write(`${verb} ${view.id} ${view.name}: ${state}\n`);
    },
  ).finally(() => bar.done());
  io.stdout.write(
    `adopt: ${found} of ${managed} managed account(s) ${options.yes ? 'adopted' : 'would be adopted'}${options.ou ? ` below ${options.ou}` : ''}\n`,
  );
  if (!options.yes && found > 0)
    io.stderr.write('dry run: nothing changed. Run again with --yes to write their records\n');
  return ExitCode.ok;
}
