import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EngineError, ExitCode } from '../../domain/errors.js';
import { applyCommand } from './commands/apply.js';
import { compileCommand } from './commands/compile.js';
import { doctorCommand } from './commands/doctor.js';
import { publishCommand } from './commands/publish.js';
import { runtimeLocalCommand } from './commands/runtime-local.js';
import { unlockCommand } from './commands/unlock.js';
import { applyGateCommand } from './commands/github/apply-gate.js';
import { commentPlanCommand } from './commands/github/comment-plan.js';
import { driftIssueCommand } from './commands/github/drift-issue.js';
import { reportApplyCommand } from './commands/github/report-apply.js';
import { explainCommand } from './commands/explain.js';
import { planCommand } from './commands/plan.js';
import { validateCommand } from './commands/validate.js';
import { processIo, type CliIo } from './io.js';

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
      code = await validateCommand(options, io);
    });

  program
    .command('explain')
    .description('show the effective settings of an account and where each value comes from')
    .argument('<account>', 'account name, email or id')
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (account: string, options: { dir: string; format: 'text' | 'json' }) => {
      code = await explainCommand(account, options, io);
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
    .action(
      async (options: {
        dir: string;
        format: 'text' | 'markdown' | 'json' | 'github';
        out?: string;
        chunkDir?: string;
        detailedExitcode?: boolean;
      }) => {
        code = await planCommand(options, io);
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
      code = await applyCommand(plan, options, io);
    });

  program
    .command('compile')
    .description(
      'write the desired organization, every value with its source, as JSON (schemas/effective-settings.schema.json)',
    )
    .addOption(dir)
    .option('--out <file>', 'write it to this file instead of standard output')
    .action(async (options: { dir: string; out?: string }) => {
      code = await compileCommand(options, io);
    });

  program
    .command('publish')
    .description(
      'write the effective settings and buildspecs to the runtime bucket, and the maintenance schedules (after apply)',
    )
    .addOption(dir)
    .option('--buildspecs <dir>', 'the buildspecs directory (default: buildspecs/ beside settings.yaml)')
    .action(async (options: { dir: string; buildspecs?: string }) => {
      code = await publishCommand(options, io);
    });

  const runtime = program.command('runtime').description('the runtime of the account lifecycle');
  runtime
    .command('local')
    .description(
      'run the lifecycle handlers in this process against AWS_ENDPOINT_URL (the emulator), until stopped',
    )
    .addOption(dir)
    .option('--fire <what>', 'only fire a schedule and exit: maintenance')
    .option('--ou <path>', 'with --fire maintenance: the window of this OU (default: every window)')
    .option('--fail-builds <project[@account]...>', 'builds of this project (in this account) end FAILED')
    .option('--interval <ms>', 'time between two rounds', '1000')
    .option('--quiet', 'log warnings and errors only')
    .action(
      async (options: {
        dir: string;
        fire?: string;
        ou?: string;
        failBuilds?: string[];
        interval: string;
        quiet?: boolean;
      }) => {
        code = await runtimeLocalCommand(options, io);
      },
    );

  program
    .command('doctor')
    .description(
      'check, from the management account, that the runtime is deployed and complete; say what is missing',
    )
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: { dir: string; format: 'text' | 'json' }) => {
      code = await doctorCommand(options, io);
    });

  program
    .command('unlock')
    .description('remove the apply lock that a killed run left (spa apply prints its id)')
    .argument('<lock-id>', 'the id of the lock')
    .addOption(dir)
    .option('--force', 'confirm that no apply runs on this organization')
    .action(async (lockId: string, options: { dir: string; force?: boolean }) => {
      code = await unlockCommand(lockId, options, io);
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
      code = await commentPlanCommand(options, io);
    });
  github
    .command('apply-gate')
    .description(
      'pass only when the plan of main is the one approved in the merged pull requests, or confirmed',
    )
    .requiredOption('--plan <file>', 'the plan of main against AWS')
    .option('--confirm <digest>', 'in a manual run: the digest of the plan a maintainer confirms')
    .action(async (options: { plan: string; confirm?: string }) => {
      code = await applyGateCommand(options, io);
    });
  github
    .command('report-apply')
    .description(
      'comment the result of each change on the merged pull requests; open or close the apply issue',
    )
    .requiredOption('--result <file>', 'the JSON of spa apply --format json')
    .option('--prs <numbers>', 'the merged pull requests, comma-separated (the prs output of apply-gate)')
    .action(async (options: { result: string; prs?: string }) => {
      code = await reportApplyCommand(options, io);
    });
  github
    .command('drift-issue')
    .description('open or update the drift issue while AWS differs from main; close it when it does not')
    .requiredOption('--plan <file>', 'the plan of main against AWS')
    .action(async (options: { plan: string }) => {
      code = await driftIssueCommand(options, io);
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
