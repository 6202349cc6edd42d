import { ExitCode } from '../../../domain/errors.js';
import { silentTelemetry } from '../../../ports/telemetry.js';
import { requestAccountStates } from '../../../app/operator/accounts.js';
import type { CliIo } from '../io.js';
import { OPERATIONS } from './account-operations.js';
import { loadValidSettings } from '../settings.js';
import { connectAccounts } from './accounts-connect.js';

/** The original's bulk operations: reset (on-board again), release, expire (maintain now). */

export interface AccountsStateOptions {
  dir: string;
  ou?: string;
  yes?: boolean;
}

/**
 * `spa accounts reset|release|expire ACCOUNT|--ou PATH`: a request through the state tag, checked first with the
 * transition table: a dry run by default (what would change, counted), `--yes` to tag the accounts it allows.
 */
export async function accountsStateCommand(
  operation: keyof typeof OPERATIONS,
  account: string | undefined,
  options: AccountsStateOptions,
  io: CliIo,
): Promise<number> {
  if ((account === undefined) === (options.ou === undefined)) {
    io.stderr.write(`spa: give an account (id, name or email) or --ou PATH, not both\n`);
    return ExitCode.userError;
  }
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const settings = loaded.desired.settings;
  const ports = { ...(await connectAccounts(io, loaded.desired)), telemetry: silentTelemetry };
  const requests = await requestAccountStates(ports, loaded.desired, OPERATIONS[operation], {
    account,
    ou: options.ou,
    yes: options.yes === true,
    now: new Date().toISOString(),
    by: `spa accounts ${operation}`,
  });
  if (requests.length === 0) {
    io.stderr.write(`spa: no managed account matches ${account ?? `--ou ${options.ou}`}\n`);
    return ExitCode.userError;
  }
  const acting = requests.filter((r) => r.decision.outcome === 'transition');
  for (const r of requests) {
    const verb = r.decision.outcome === 'transition' ? (options.yes ? 'tagged' : 'would tag') : 'skipped';
    io.stdout.write(`${verb} ${r.view.id} ${r.view.name}: ${r.decision.outcome}, ${r.decision.reason}\n`);
  }
  io.stdout.write(
    `${operation}: ${acting.length} of ${requests.length} account(s) ${options.yes ? 'requested' : 'would be requested'}; ${requests.length - acting.length} skipped\n`,
  );
  if (!options.yes) {
    io.stderr.write(
      `dry run: nothing changed. Run again with --yes to set ${settings.reservedTags.state} = ${OPERATIONS[operation]}\n`,
    );
  }
  return ExitCode.ok;
}
