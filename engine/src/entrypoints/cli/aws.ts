import { accessFromEnv, connectAws, type AwsPorts } from '../../adapters/aws/connect.js';
import type { RetryPolicy } from '../../adapters/aws/retry.js';
import { AwsSession, type AwsAccess } from '../../adapters/aws/session.js';
import type { GlobalSettings } from '../../desired/types.js';
import { retryNotice, waitNotice } from './aws-notices.js';
import type { CliIo } from './io.js';
import type { Progress } from './progress.js';

/**
 * AWS access of a command, from its environment and settings.yaml: a request that keeps waiting for its answer
 * is said on stderr (or on the command's progress line), so that no command sits silent.
 */
export function cliAccess(
  io: CliIo,
  settings: { region: string; managementRoleArn?: string | undefined },
  say: (line: string) => void = (line) => io.stderr.write(`${line}\n`),
): { access: AwsAccess; policy: RetryPolicy } {
  const { access, policy } = accessFromEnv(io.env, settings);
  access.onWait = (wait) => say(waitNotice(wait));
  return { access, policy };
}

/**
 * The AWS session of a command in the management account: as its role (settings.yaml aws.managementRoleArn)
 * when one is given, under the role session name `sessionName`.
 */
export function cliSession(
  io: CliIo,
  settings: { region: string; managementRoleArn?: string | undefined },
  sessionName = 'spa-engine',
): { session: AwsSession; policy: RetryPolicy } {
  const { access, policy } = cliAccess(io, settings);
  return { session: AwsSession.open(access).asManagement(access.roleArn, sessionName), policy };
}

/**
 * The AWS adapters of a command: access from the environment and settings.yaml, with retry notices (AWS
 * unreachable) shown on the command's progress line.
 */
export function awsOf(io: CliIo, settings: Pick<GlobalSettings, 'aws'>, progress: Progress): AwsPorts {
  const { access, policy } = cliAccess(
    io,
    { region: settings.aws.region, managementRoleArn: settings.aws.managementRoleArn },
    (line) => progress.note(line),
  );
  return connectAws(access, settings.aws.managementAccountId, policy, (notice) => {
    const line = retryNotice(notice);
    if (line) progress.note(line);
  });
}
