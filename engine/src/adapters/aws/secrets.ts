import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EngineError } from '../../domain/errors.js';
import type { AwsCaller } from './retry.js';

/** The text of a secret of AWS Secrets Manager (settings name secrets; their values never live in git). */
export async function readSecret(
  client: SecretsManagerClient,
  caller: AwsCaller,
  name: string,
): Promise<string> {
  const out = await caller.read('GetSecretValue', () =>
    client.send(new GetSecretValueCommand({ SecretId: name })),
  );
  if (out.SecretString === undefined)
    throw new EngineError('secret-not-text', `the secret ${name} holds no text`, {
      source: 'user',
      hint: 'store the value as a secret string (JSON), not as binary',
    });
  return out.SecretString;
}
