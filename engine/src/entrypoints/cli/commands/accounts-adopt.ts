import { ExitCode } from '../../../domain/errors.js';
import { inOu } from '../../../lifecycle/account-view.js';
import { unrecordedAccounts } from '../../../lifecycle/unrecorded.js';
import { silentTelemetry } from '../../../ports/telemetry.js';
import { adoptAccount } from '../../../app/runtime/adopt.js';
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
  const stateKey = loaded.desired.settings.reservedTags.state;
  const aws = await connectAccounts(io, loaded.desired);
  const views = (await aws.views()).filter((v) => inOu(v, options.ou));
  const found = unrecordedAccounts(views, stateKey);
  const verb = options.yes ? 'adopted' : 'would adopt';
  const bar = progress(io);
  let done = 0;
  for (const { view, state } of found) {
    if (options.yes) {
      await adoptAccount(
        {
          environment: loaded.desired.environment,
          records: aws.records,
          events: aws.events,
          telemetry: silentTelemetry,
        },
        view.id,
        state,
        { now: new Date().toISOString(), by: 'spa accounts adopt' },
      );
      bar.count('adopting', ++done, found.length, 'accounts');
    }
    io.stdout.write(`${verb} ${view.id} ${view.name}: ${state}\n`);
  }
  bar.done();
  const managed = views.filter((v) => v.settings !== undefined).length;
  io.stdout.write(
    `adopt: ${found.length} of ${managed} managed account(s) ${options.yes ? 'adopted' : 'would be adopted'}${options.ou ? ` below ${options.ou}` : ''}\n`,
  );
  if (!options.yes && found.length > 0)
    io.stderr.write('dry run: nothing changed. Run again with --yes to write their records\n');
  return ExitCode.ok;
}
