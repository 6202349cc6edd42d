import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { accessFromEnv, connectAws } from '../../../adapters/aws/connect.js';
import { directoryTarget } from '../../../adapters/fs/settings-target.js';
import { EngineError, ExitCode } from '../../../domain/errors.js';
import type { Output } from '../../../ports/output.js';
import { importOriginal } from '../../../app/gitops/import-original.js';
import { importSettings, type ImportAws } from '../../../app/gitops/import-settings.js';
import { retryNotice } from '../aws-notices.js';
import { outputOf, type CliIo } from '../io.js';

export interface ImportCommandOptions {
  ou?: string[];
  environment?: string;
  out: string;
  region?: string;
  tagPrefix: string;
  force?: boolean;
  managementRoleArn?: string;
  fromSpa?: string;
}

/** The AWS reads of an import, with the retry notices on its progress line; never a write. */
function readPorts(io: CliIo, out: Output, region: string, managementRoleArn?: string): ImportAws {
  const { access, policy } = accessFromEnv(io.env, { region, managementRoleArn });
  const connect = (managementAccountId: string) =>
    connectAws(access, managementAccountId, policy, (notice) => {
      const line = retryNotice(notice);
      if (line) out.progress.note(line);
    });
  // The management account is known from the role, else from the organization once read.
  const known = /^arn:[^:]+:iam::(\d{12}):/.exec(managementRoleArn ?? '')?.[1] ?? '';
  const ports = connect(known);
  return { reader: ports.reader, policies: ports.policies, budgets: (id) => connect(id).budgets };
}

/** `spa import`: exit 0 when the settings were written and validated, 1 on bad input or existing settings. */
export async function importCommand(options: ImportCommandOptions, io: CliIo): Promise<number> {
  const out = outputOf(io);
  const dir = resolve(io.cwd, options.out);
  const location = relative(io.cwd, dir) || '.';
  const target = directoryTarget(dir, location, options.force === true);
  const region = options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  if (options.fromSpa) {
    if (options.ou?.length || options.environment || options.managementRoleArn)
      throw new EngineError(
        'import-conflicting-options',
        '--from-spa reads the OUs, the environment and the management role from the original settings file',
        { source: 'user', hint: 'leave out --ou, --environment and --management-role-arn with --from-spa' },
      );
    const file = resolve(io.cwd, options.fromSpa);
    const ok = await importOriginal(
      {
        target,
        out,
        original: {
          name: relative(io.cwd, file) || file,
          text: () => readFileSync(file),
          read: (path) => readFileSync(resolve(dirname(file), path)),
        },
        connect: (r, roleArn) => readPorts(io, out, r, roleArn),
      },
      { region: options.region, force: options.force === true },
    );
    return ok ? ExitCode.ok : ExitCode.userError;
  }
  await importSettings(
    { target, out, connect: (r, roleArn) => readPorts(io, out, r, roleArn) },
    {
      ous: options.ou ?? [],
      environment: options.environment ?? '',
      region,
      tagPrefix: options.tagPrefix,
      ...(options.managementRoleArn ? { managementRoleArn: options.managementRoleArn } : {}),
      force: options.force === true,
    },
  );
  return ExitCode.ok;
}
