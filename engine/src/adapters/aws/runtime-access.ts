import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { EngineError } from '../../domain/errors.js';
import { runtimeNames } from '../../domain/runtime-names.js';
import type { GlobalSettings } from '../../desired/types.js';
import {
  assumeRoleClientConfig,
  buildRuntimeClients,
  type AwsAccess,
  type RuntimeClients,
} from './clients.js';

export interface RuntimeAccess {
  access: AwsAccess;
  clients: RuntimeClients;
  account: string;
  region: string;
}

/**
 * The automation account of settings.yaml `runtime`, reached with the credentials given, or through its operator
 * role (`<env>-operator`) when they are of another account.
 */
export async function connectRuntime(
  base: AwsAccess,
  settings: Pick<GlobalSettings, 'runtime'>,
  environment: string,
): Promise<RuntimeAccess> {
  const account = settings.runtime.account;
  if (!account)
    throw new EngineError(
      'runtime-not-configured',
      'settings.yaml gives no runtime.account (the automation account)',
      {
        source: 'user',
        hint: 'add runtime.account and runtime.bucket to settings.yaml',
      },
    );
  const region = settings.runtime.region;
  const access: AwsAccess = { ...base, region };
  const caller = await buildRuntimeClients(access).sts.send(new GetCallerIdentityCommand({}));
  if (caller.Account !== account) {
    access.credentials = fromTemporaryCredentials({
      params: {
        RoleArn: `arn:aws:iam::${account}:role/${runtimeNames(environment).operatorRole}`,
        RoleSessionName: 'spa-operator',
        DurationSeconds: 3600,
      },
      ...(base.credentials ? { masterCredentials: base.credentials } : {}),
      clientConfig: assumeRoleClientConfig(base, region),
    });
  }
  return { access, clients: buildRuntimeClients(access), account, region };
}
