import { ExitCode } from '../../../domain/errors.js';
import { PREPARATION_PROJECT, PURGE_PROJECT, type BuildProject } from '../../../domain/runtime-names.js';
import { consoleTelemetry } from '../../local/console-telemetry.js';
import { LocalRuntime } from '../../local/local-runtime.js';
import { fireWindow } from '../../local/scheduler-fire.js';
import type { CliIo } from '../io.js';
import { runtimeFromEnv } from '../runtime-connect.js';
import { loadValidSettings } from '../settings.js';

export interface RuntimeLocalOptions {
  dir: string;
  fire?: string;
  ou?: string;
  failBuilds?: string[];
  interval: string;
  quiet?: boolean;
}

/**
 * `spa runtime local`: the runtime's handlers in this process against AWS_ENDPOINT_URL (the emulator), until
 * Ctrl-C or SIGTERM. `--fire maintenance [--ou PATH]` only fires a window, for a runtime running elsewhere.
 */
export async function runtimeLocalCommand(options: RuntimeLocalOptions, io: CliIo): Promise<number> {
  const failing = failedBuilds(options.failBuilds ?? []);
  if (typeof failing === 'string') {
    io.stderr.write(`spa: ${failing}\n`);
    return ExitCode.userError;
  }
  const loaded = await loadValidSettings(options.dir, io, 'text');
  if (!loaded) return ExitCode.userError;
  const { desired } = loaded;
  const { runtime, management } = await runtimeFromEnv(io, desired);
  if (options.fire !== undefined) {
    if (options.fire !== 'maintenance') {
      io.stderr.write(`spa: --fire takes maintenance, not ${options.fire}\n`);
      return ExitCode.userError;
    }
    const fired = await fireWindow(runtime.clients, desired, options.ou);
    io.stdout.write(fired.length ? `fired ${fired.join(', ')}\n` : 'no maintenance window matches\n');
    return fired.length ? ExitCode.ok : ExitCode.userError;
  }
  const telemetry = consoleTelemetry((line) => io.stderr.write(line + '\n'), {
    quiet: options.quiet === true,
  });
  // Exceptions open issues through GITHUB_API_URL when set (a GitHub Enterprise Server, a test server).
  const apiUrl = io.env.GITHUB_API_URL;
  const rt = await LocalRuntime.start({
    desired,
    runtime,
    managementAccess: management,
    telemetry,
    ...(apiUrl ? { github: { apiUrl } } : {}),
  });
  for (const { project, account } of failing) rt.builds.setOutcome(account, project, 'FAILED');
  io.stderr.write(
    `spa runtime local: environment ${desired.environment}, automation account ${runtime.account} (${runtime.region}); Ctrl-C stops\n`,
  );
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await rt.run(stop.signal, Number(options.interval));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  io.stderr.write('spa runtime local: stopped\n');
  return ExitCode.ok;
}

/** The builds `--fail-builds` makes fail, each PROJECT or PROJECT@ACCOUNT; or what is wrong with one. */
function failedBuilds(specs: readonly string[]): { project: BuildProject; account: string }[] | string {
  const builds: { project: BuildProject; account: string }[] = [];
  for (const spec of specs) {
    const [project, account = '*', extra] = spec.split('@');
    if (
      (project !== PREPARATION_PROJECT && project !== PURGE_PROJECT) ||
      extra !== undefined ||
      account === ''
    )
      return (
        `--fail-builds takes ${PREPARATION_PROJECT} or ${PURGE_PROJECT}, each alone or as PROJECT@ACCOUNT, ` +
        `not ${spec}: for example --fail-builds ${PURGE_PROJECT}@123456789012 ${PREPARATION_PROJECT}`
      );
    builds.push({ project, account });
  }
  return builds;
}
