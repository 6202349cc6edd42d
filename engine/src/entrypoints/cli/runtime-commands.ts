import { Option, type Command } from 'commander';
import { OPERATIONS } from './commands/account-operations.js';
import type { RuntimeLocalOptions } from './commands/runtime-local.js';
import type { CliIo, SetCode } from './io.js';

// Each command is imported when it runs, like the others (settings-commands.ts): the runtime's commands load the
// AWS SDK and the runtime, which `spa validate` must not pay for.

/** `spa publish`, `spa runtime local` and `spa accounts ...`: the commands of the lifecycle's runtime. */
export function addRuntimeCommands(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  addPublish(program, dir, io, setCode);
  addRuntimeLocal(program, dir, io, setCode);
  addAccounts(program, dir, io, setCode);
}

function addPublish(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  program
    .command('publish')
    .description(
      'write the effective settings and buildspecs to the runtime bucket, the maintenance schedules, and the member StackSet targets (after apply)',
    )
    .addOption(dir)
    .option('--buildspecs <dir>', 'the buildspecs directory (default: buildspecs/ beside settings.yaml)')
    .option('--yes', "also add and remove the member StackSet's OU targets (default: say what would change)")
    .action(async (options: { dir: string; buildspecs?: string; yes?: boolean }) => {
      setCode(await (await import('./commands/publish.js')).publishCommand(options, io));
    });
}

function addRuntimeLocal(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  program
    .command('runtime')
    .description('the runtime of the account lifecycle')
    .command('local')
    .description(
      'run the lifecycle handlers in this process against AWS_ENDPOINT_URL (the emulator), until stopped',
    )
    .addOption(dir)
    .option('--fire <what>', 'only fire a schedule and exit: maintenance')
    .option('--ou <path>', 'with --fire maintenance: the window of this OU (default: every window)')
    .option(
      '--fail-builds <build...>',
      'builds of these projects end FAILED: PROJECT (every account) or PROJECT@ACCOUNT, one or more',
    )
    .option('--interval <ms>', 'time between two rounds', '1000')
    .option('--quiet', 'log warnings and errors only')
    .action(async (options: RuntimeLocalOptions) => {
      setCode(await (await import('./commands/runtime-local.js')).runtimeLocalCommand(options, io));
    });
}

function addAccounts(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  const accounts = program
    .command('accounts')
    .description('the accounts of the lifecycle: list, check, change state');
  const format = () =>
    new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
  accounts
    .command('list')
    .description('the managed accounts with their state, transaction and last console login')
    .addOption(dir)
    .addOption(format())
    .option('--ou <path>', 'only the accounts below this OU')
    .option('--state <state>', 'only the accounts in this state (vanilla, assigned, released, expired, none)')
    .action(async (options: { dir: string; ou?: string; state?: string; format: 'text' | 'json' }) => {
      setCode(await (await import('./commands/accounts-list.js')).accountsListCommand(options, io));
    });
  accounts
    .command('check')
    .description(
      'missing or unknown states, stuck transactions, tags that differ from the settings (exit 1 if any)',
    )
    .addOption(dir)
    .addOption(format())
    .action(async (options: { dir: string; format: 'text' | 'json' }) => {
      setCode(await (await import('./commands/accounts-check.js')).accountsCheckCommand(options, io));
    });
  accounts
    .command('adopt')
    .description(
      'write the records of managed accounts the runtime has none of, in the state their tag shows (a dry run without --yes)',
    )
    .addOption(dir)
    .option('--ou <path>', 'only the accounts below this OU')
    .option('--yes', 'do it (default: list and count what would be adopted)')
    .action(async (options: { dir: string; ou?: string; yes?: boolean }) => {
      setCode(await (await import('./commands/accounts-adopt.js')).accountsAdoptCommand(options, io));
    });
  for (const [operation, state] of Object.entries(OPERATIONS) as [keyof typeof OPERATIONS, string][])
    accounts
      .command(operation)
      .description(
        `set the state of accounts to ${state} through the transition table (a dry run without --yes)`,
      )
      .argument('[account]', 'account id, name or email')
      .addOption(dir)
      .option('--ou <path>', 'every managed account below this OU')
      .option('--yes', 'do it (default: show what would change, and count)')
      .action(async (account: string | undefined, options: { dir: string; ou?: string; yes?: boolean }) => {
        setCode(
          await (
            await import('./commands/accounts-state.js')
          ).accountsStateCommand(operation, account, options, io),
        );
      });
}
