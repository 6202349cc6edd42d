import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { awsFailureOf } from '../../adapters/aws/aws-errors.js';
import { callContext } from '../../adapters/aws/call-context.js';
import { EngineError, ExitCode } from '../../domain/errors.js';
import { addGithubCommands } from './github-commands.js';
import { processIo, type CliIo } from './io.js';
import { addOperatorCommands } from './operator-commands.js';
import { addRuntimeCommands } from './runtime-commands.js';
import { addSettingsCommands } from './settings-commands.js';

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
  const setCode = (c: number) => {
    code = c;
  };
  addSettingsCommands(program, dir, io, setCode);
  addRuntimeCommands(program, dir, io, setCode);
  addOperatorCommands(program, dir, io, setCode);
  addGithubCommands(program, io, setCode);

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

function reportError(thrown: unknown, io: CliIo): number {
  const error = awsFailureOf(thrown) ?? thrown;
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
    if (error.source === 'system' && error.cause instanceof Error) {
      const at = callContext(error.cause)?.endpoint;
      const where =
        at && !error.cause.message.includes(at) && !(error.hint ?? '').includes(at) ? ` (${at})` : '';
      io.stderr.write(`  cause: ${error.cause.message}${where}\n`);
    }
    return error.source === 'user' ? ExitCode.userError : ExitCode.systemError;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`spa: unexpected error (a bug; please report it with this output)\n${message}\n`);
  return ExitCode.systemError;
}
