import type { Command } from 'commander';
import type { DriftIssueOptions } from './commands/github/drift-issue.js';
import type { ReferenceOptions } from './commands/github/reference.js';
import type { CliIo, SetCode } from './io.js';

// Each command is imported when it runs, like the others (settings-commands.ts).

/** `spa github ...`: the pull request, apply and drift steps of the GitHub workflows. */
export function addGithubCommands(program: Command, io: CliIo, setCode: SetCode): void {
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
    .option(
      '--reference-run <id>',
      'the drift run whose full plan a targeted plan stands on (the run-id output of spa github reference; or SPA_REFERENCE_RUN)',
    )
    .action(async (options: { plan: string; basePlan?: string; referenceRun?: string }) => {
      setCode(await (await import('./commands/github/comment-plan.js')).commentPlanCommand(options, io));
    });
  addReferenceCommand(github, io, setCode);
  addRequestCommand(github, io, setCode);
  github
    .command('apply-gate')
    .description(
      'pass only when the plan of main is the one approved in the merged pull requests, or confirmed',
    )
    .requiredOption('--plan <file>', 'the plan of main against AWS')
    .option('--confirm <digest>', 'in a manual run: the digest of the plan a maintainer confirms')
    .action(async (options: { plan: string; confirm?: string }) => {
      setCode(await (await import('./commands/github/apply-gate.js')).applyGateCommand(options, io));
    });
  github
    .command('report-apply')
    .description(
      'comment the result of each change on the merged pull requests; open or close the apply issue',
    )
    .requiredOption('--result <file>', 'the JSON of spa apply --format json')
    .option('--prs <numbers>', 'the merged pull requests, comma-separated (the prs output of apply-gate)')
    .action(async (options: { result: string; prs?: string }) => {
      setCode(await (await import('./commands/github/report-apply.js')).reportApplyCommand(options, io));
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
      setCode(await (await import('./commands/github/drift-issue.js')).driftIssueCommand(options, io));
    });
}

/** `spa github reference`: the last full plan of the default branch, which targeted plans stand on. */
function addReferenceCommand(github: Command, io: CliIo, setCode: SetCode): void {
  github
    .command('reference')
    .description(
      "download the last full plan of the default branch (the drift run's artifact), for targeted plans",
    )
    .requiredOption('--out <file>', 'where to write the full plan')
    .option('--drift-workflow <file>', 'the workflow whose runs keep the full plan', 'drift.yml')
    .option(
      '--for-push',
      'on a push: the full plan the approved plans of the merged pull requests stood on, when they name one',
    )
    .option(
      '--applied <workflow>',
      'also find the commit of the last successful run of this apply workflow (output applied-commit)',
    )
    .action(async (options: ReferenceOptions) => {
      setCode(await (await import('./commands/github/reference.js')).referenceCommand(options, io));
    });
}

/** `spa github request-account`: the account request form, turned into a pull request. */
function addRequestCommand(github: Command, io: CliIo, setCode: SetCode): void {
  github
    .command('request-account')
    .description(
      'turn an account request issue (the issue form) into a pull request adding accounts/<name>.yaml, or say on the issue what to fix',
    )
    .option('--dir <dir>', 'the settings of the default branch, checked out', '.')
    .action(async (options: { dir: string }) => {
      setCode(
        await (await import('./commands/github/request-account.js')).requestAccountCommand(options, io),
      );
    });
}
