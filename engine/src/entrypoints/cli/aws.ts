import { accessFromEnv, connectAws, type AwsPorts } from '../../adapters/aws/connect.js';
import type { GlobalSettings } from '../../desired/types.js';
import { retryNotice } from './aws-notices.js';
import type { CliIo } from './io.js';
import type { Progress } from './progress.js';

/**
 * The AWS adapters of a command: access from the environment and settings.yaml, with retry notices (AWS
 * unreachable) shown on the command's progress line.
 */
export function awsOf(io: CliIo, settings: Pick<GlobalSettings, 'aws'>, progress: Progress): AwsPorts {
  const { access, policy } = accessFromEnv(io.env, {
    region: settings.aws.region,
    managementRoleArn: settings.aws.managementRoleArn,
  });
  return connectAws(access, settings.aws.managementAccountId, policy, (notice) => {
    const line = retryNotice(notice);
    if (line) progress.note(line);
  });
}
