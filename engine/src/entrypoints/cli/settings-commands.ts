import { Option, type Command } from 'commander';
import type { CliIo, SetCode } from './io.js';

// Each command is imported when it runs: `spa validate` never loads the AWS SDK, Octokit or the Actions toolkit.

/** `spa validate`, `explain`, `plan`, `apply` and `compile`: the commands of the settings and their plans. */
export function addSettingsCommands(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  addValidate(program, dir, io, setCode);
  addExplain(program, dir, io, setCode);
  addPlan(program, dir, io, setCode);
  addApply(program, dir, io, setCode);
  addCompile(program, dir, io, setCode);
  addImport(program, io, setCode);
}

function addValidate(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  program
    .command('validate')
    .description('check every settings file; print every problem with its file, line and column')
    .addOption(dir)
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'),
    )
    .action(async (options: { dir: string; format: 'text' | 'json' | 'github' }) => {
      setCode(await (await import('./commands/validate.js')).validateCommand(options, io));
    });
}

function addExplain(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  program
    .command('explain')
    .description('show the effective settings of an account and where each value comes from')
    .argument('<account>', 'account name, email or id')
    .addOption(dir)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (account: string, options: { dir: string; format: 'text' | 'json' }) => {
      setCode(await (await import('./commands/explain.js')).explainCommand(account, options, io));
    });
}

function addPlan(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
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
        setCode(await (await import('./commands/plan.js')).planCommand(options, io));
      },
    );
}

function addApply(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
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
      setCode(await (await import('./commands/apply.js')).applyCommand(plan, options, io));
    });
}

function addCompile(program: Command, dir: Option, io: CliIo, setCode: SetCode): void {
  program
    .command('compile')
    .description(
      'write the desired organization, every value with its source, as JSON (schemas/effective-settings.schema.json)',
    )
    .addOption(dir)
    .option('--out <file>', 'write it to this file instead of standard output')
    .action(async (options: { dir: string; out?: string }) => {
      setCode(await (await import('./commands/compile.js')).compileCommand(options, io));
    });
}

function addImport(program: Command, io: CliIo, setCode: SetCode): void {
  program
    .command('import')
    .description(
      'write the settings repository of an existing organization as it is (AWS is only read); spa plan then shows no changes',
    )
    .option('--ou <path...>', 'the OUs whose accounts SPA manages (managed: true), such as Sandbox')
    .option('--environment <name>', 'the environment: budgets named <environment>-<account id> are imported')
    .option('--out <dir>', 'the folder to write the settings into', '.')
    .option('--region <region>', 'aws.region of settings.yaml (default: AWS_REGION, else us-east-1)')
    .option('--tag-prefix <prefix>', 'the prefix of the account-state and account-holder tags', 'account-')
    .option(
      '--management-role-arn <arn>',
      'a role to assume in the management account (aws.managementRoleArn of settings.yaml)',
    )
    .option(
      '--from-spa <file>',
      "the settings file of the original SPA: its OUs, accounts, CSV files and options, in this edition's settings",
    )
    .option('--force', 'replace the settings files already in the folder')
    .action(
      async (options: {
        ou?: string[];
        environment?: string;
        out: string;
        region?: string;
        tagPrefix: string;
        managementRoleArn?: string;
        fromSpa?: string;
        force?: boolean;
      }) => {
        setCode(await (await import('./commands/import.js')).importCommand(options, io));
      },
    );
}
