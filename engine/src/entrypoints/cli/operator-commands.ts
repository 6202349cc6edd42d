import { Option, type Command } from 'commander';
import type { CliIo, SetCode } from './io.js';

// Each command is imported when it runs, like the others (settings-commands.ts).

/** `spa doctor`, `spa unlock` and `spa report`: the commands an operator runs beside the workflows. */
export function addOperatorCommands(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  program
    .command('doctor')
    .description(
      'check, from the management account, that the runtime is deployed and complete; say what is missing',
    )
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: { dir: string; format: 'text' | 'json' }) => {
      setCode(await (await import('./commands/doctor.js')).doctorCommand(options, io));
    });

  program
    .command('unlock')
    .description('remove the apply lock that a killed run left (spa apply prints its id)')
    .argument('<lock-id>', 'the id of the lock')
    .addOption(dir)
    .option('--force', 'confirm that no apply runs on this organization')
    .action(async (lockId: string, options: { dir: string; force?: boolean }) => {
      setCode(await (await import('./commands/unlock.js')).unlockCommand(lockId, options, io));
    });

  const report = program
    .command('report')
    .description('reports committed back to the repository: reports/<kind>/<yyyy>/<yyyy-mm>/');
  report
    .command('costs')
    .description(
      'the monthly cost report from Cost Explorer, per cost center, OU and account: CSV, Excel and a README',
    )
    .addOption(dir)
    .option('--month <yyyy-mm>', 'the month (default: the previous month)')
    .option('--out <dir>', 'write the reports below this directory (default: the settings directory)')
    .option(
      '--commit',
      'commit the files to the repository in one commit and copy them to the runtime bucket',
    )
    .action(async (options: { dir: string; month?: string; out?: string; commit?: boolean }) => {
      setCode(await (await import('./commands/report.js')).reportCostsCommand(options, io));
    });
  addRuntimeReports(report, dir, io, setCode);
}

/** The reports read from the records of the runtime: activities and inventory. */
function addRuntimeReports(report: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  report
    .command('activities')
    .description(
      'on-boardings, maintenances and console logins of a month per cost center, from the records of the runtime',
    )
    .addOption(dir)
    .option(
      '--month <yyyy-mm>',
      'the month (default: the previous month; the current one gives the month to date)',
    )
    .option('--out <dir>', 'write the reports below this directory (default: the settings directory)')
    .option('--commit', 'commit the files in one commit and copy them to the runtime bucket')
    .action(async (options: { dir: string; month?: string; out?: string; commit?: boolean }) => {
      setCode(await (await import('./commands/report-runtime.js')).reportActivitiesCommand(options, io));
    });
  report
    .command('inventory')
    .description(
      'every active account: cost center, holder, OU, state, last console login, budget and month-to-date cost',
    )
    .addOption(dir)
    .option('--out <dir>', 'write the reports below this directory (default: the settings directory)')
    .option('--commit', 'commit the files in one commit and copy them to the runtime bucket')
    .action(async (options: { dir: string; out?: string; commit?: boolean }) => {
      setCode(await (await import('./commands/report-runtime.js')).reportInventoryCommand(options, io));
    });
}
