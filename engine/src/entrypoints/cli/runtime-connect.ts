import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsAccess } from '../../adapters/aws/session.js';
import { cliAccess } from './aws.js';
import { connectRuntime, type RuntimeAccess } from '../../adapters/aws/runtime-access.js';
import type { DesiredOrganization } from '../../desired/types.js';
import type { CliIo } from './io.js';

/** The automation account of the settings, and the management account, as the CLI's environment reaches them. */
export async function runtimeFromEnv(
  io: CliIo,
  desired: DesiredOrganization,
): Promise<{ runtime: RuntimeAccess; management: AwsAccess }> {
  const settings = desired.settings;
  const { access } = cliAccess(io, { region: settings.runtime.region });
  const runtime = await connectRuntime(access, settings, desired.environment);
  const { access: management } = cliAccess(io, { region: settings.aws.region });
  return { runtime, management };
}

/** The buildspecs of a directory (buildspecs/*.yml), by name. */
export function readBuildspecs(dir: string): Record<string, string> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  } catch {
    return {};
  }
  return Object.fromEntries(files.sort().map((f) => [f.slice(0, -4), readFileSync(join(dir, f), 'utf8')]));
}
