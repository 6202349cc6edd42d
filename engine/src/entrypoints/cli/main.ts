import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EngineError, ExitCode } from '../../domain/errors.js';
import type { DriftIssueOptions } from './commands/github/drift-issue.js';
import { processIo, type CliIo } from './io.js';
import { addRuntimeCommands } from './runtime-commands.js';

// Each command is imported when it runs: `spa validate` never loads the AWS SDK, Octokit or the Actions toolkit.

/** Runs the `spa` command line and returns its exit code (DESIGN.md section 5). */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = ExitCode.ok;
  const program = new Command()
    .name('spa')
    .description('Sustainable Personal Accounts: AWS accounts for employees, managed as files in git')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError(true);

  const dir = new Option('--dir <dir>', 'the settings directory (holds settings.yaml)').default('.');

  program
    .command('validate')
    .description('check every settings file; print every problem with its file, line and column')
    .addOption(dir)
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'),
    )
    .action(async (options: { dir: string; format: 'text' | 'json' | 'github' }) => {
      code = await (await import('./commands/validate.js')).validateCommand(options, io);
    });

  program
    .command('explain')
    .description('show the effective settings of an account and where each value comes from')
    .argument('<account>', 'account name, email or id')
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (account: string, options: { dir: string; format: 'text' | 'json' }) => {
      code = await (await import('./commands/explain.js')).explainCommand(account, options, io);
    });

  program
    .command('plan')
    .description('show what would change in AWS to match the settings; --out saves the plan for apply')
    .addOption(dir)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'markdown', 'json', 'github'])
        .default('text'),
    )
    .option('--out <file>', 'write the plan as JSON (schemas/plan.schema.json) for spa apply')
    .option(
      '--chunk-dir <dir>',
      'write the Markdown rendering as numbered files, each at most 60,000 characters',
    )
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
    .option(
      '--base <dir>',
      "the settings of the pull request's base: plan only what differs from them (a targeted plan)",
    )
    .option(
      '--reference <file>',
      'the last full plan of the base branch (JSON), which a targeted plan stands on',
    )
    .option('--base-out <file>', 'with --base: write the plan of the base settings too (JSON)')
    .action(
      async (options: {
        dir: string;
        format: 'text' | 'markdown' | 'json' | 'github';
        out?: string;
        chunkDir?: string;
        detailedExitcode?: boolean;
        base?: string;
        reference?: string;
        baseOut?: string;
      }) => {
        code = await (await import('./commands/plan.js')).planCommand(options, io);
      },
    );

  program
    .command('apply')
    .description('apply a plan made by spa plan --out, refusing it whole when AWS changed since')
    .argument('<plan>', 'the plan file (JSON)')
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--allow-large',
      'apply a plan that closes accounts or touches more than tagPolicy.largePlanShare of them',
    )
    .action(async (plan: string, options: { dir: string; format: 'text' | 'json'; allowLarge?: boolean }) => {
      code = await (await import('./commands/apply.js')).applyCommand(plan, options, io);
    });

  program
    .command('compile')
    .description(
      'write the desired organization, every value with its source, as JSON (schemas/effective-settings.schema.json)',
    )
    .addOption(dir)
    .option('--out <file>', 'write it to this file instead of standard output')
    .action(async (options: { dir: string; out?: string }) => {
      code = await (await import('./commands/compile.js')).compileCommand(options, io);
    });

  addRuntimeCommands(program, dir, io, (c: number) => {
    code = c;
  });

  program
    .command('doctor')
    .description(
      'check, from the management account, that the runtime is deployed and complete; say what is missing',
    )
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: { dir: string; format: 'text' | 'json' }) => {
      code = await (await import('./commands/doctor.js')).doctorCommand(options, io);
    });

  program
    .command('unlock')
    .description('remove the apply lock that a killed run left (spa apply prints its id)')
    .argument('<lock-id>', 'the id of the lock')
    .addOption(dir)
    .option('--force', 'confirm that no apply runs on this organization')
    .action(async (lockId: string, options: { dir: string; force?: boolean }) => {
      code = await (await import('./commands/unlock.js')).unlockCommand(lockId, options, io);
    });

  program
    .command('report')
    .description('reports committed back to the repository: reports/<kind>/<yyyy>/<yyyy-mm>/')
    .command('costs')
    .description(
      'the monthly cost report from Cost Explorer, per cost center, OU and account: CSV, Excel and a README',
    )
    .addOption(dir)
    .option('--month <yyyy-mm>', 'the month (default: the previous month)')
    .option('--out <dir>', 'write the reports below this directory (default: the settings directory)')
    .option('--commit', 'commit the files to the repository in one commit instead (GitHub Git Data API)')
    .action(async (options: { dir: string; month?: string; out?: string; commit?: boolean }) => {
      code = await (await import('./commands/report.js')).reportCostsCommand(options, io);
    });

  const github = program
    .command('github')
    .description('the pull request, apply and drift steps of the GitHub workflows');
  github
    .command('comment-plan')
    .description('write the plan as sticky comment(s) on the pull request, and the job summary')
    .requiredOption('--plan <file>', 'the plan of the pull request head against AWS')
    .option(
      '--base-plan <file>',
      'the plan of the base branch against AWS, to tell what the pull request causes',
    )
    .action(async (options: { plan: string; basePlan?: string }) => {
      code = await (await import('./commands/github/comment-plan.js')).commentPlanCommand(options, io);
    });
  github
    .command('apply-gate')
    .description(
      'pass only when the plan of main is the one approved in the merged pull requests, or confirmed',
    )
    .requiredOption('--plan <file>', 'the plan of main against AWS')
    .option('--confirm <digest>', 'in a manual run: the digest of the plan a maintainer confirms')
    .action(async (options: { plan: string; confirm?: string }) => {
      code = await (await import('./commands/github/apply-gate.js')).applyGateCommand(options, io);
    });
  github
    .command('report-apply')
    .description(
      'comment the result of each change on the merged pull requests; open or close the apply issue',
    )
    .requiredOption('--result <file>', 'the JSON of spa apply --format json')
    .option('--prs <numbers>', 'the merged pull requests, comma-separated (the prs output of apply-gate)')
    .action(async (options: { result: string; prs?: string }) => {
      code = await (await import('./commands/github/report-apply.js')).reportApplyCommand(options, io);
    });
  github
    .command('drift-issue')
    .description(
      'open or update the drift issue while AWS differs from main, close it when it does not; skip while an apply runs',
    )
    .requiredOption('--plan <file>', 'the plan of main against AWS')
    .option(
      '--apply-workflow <file>',
      'the apply workflow, whose runs the drift check waits out',
      'apply.yml',
    )
    .option('--since <time>', 'when the plan began (ISO 8601): an apply that ended since then overlapped it')
    .action(async (options: DriftIssueOptions) => {
      code = await (await import('./commands/github/drift-issue.js')).driftIssueCommand(options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}

/** engine/{src,dist}/entrypoints/cli -> the package.json at the root. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; commander already printed the message of real ones.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return ExitCode.ok;
    }
    return ExitCode.userError;
  }
  if (error instanceof EngineError) {
    io.stderr.write(`spa: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  fix: ${error.hint}\n`);
    if (error.source === 'system' && error.cause instanceof Error)
      io.stderr.write(`  cause: ${error.cause.message}\n`);
    return error.source === 'user' ? ExitCode.userError : ExitCode.systemError;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`spa: unexpected error (a bug; please report it with this output)\n${message}\n`);
  return ExitCode.systemError;
}
