import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callContext } from '../../engine/src/adapters/aws/call-context.js';
import { memberCodeBuild } from '../../engine/src/adapters/aws/factories/runtime.js';
import { AwsSession, type AwsAccess } from '../../engine/src/adapters/aws/session.js';
import { CONTROL_TOWER_ROLE } from '../../engine/src/domain/runtime-names.js';
import { startEmulator, type Emulator } from '../helpers/org.js';

let emulator: Emulator;
let access: AwsAccess;

beforeAll(async () => {
  emulator = await startEmulator();
  access = {
    region: 'eu-west-1',
    endpoint: emulator.moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
});
afterAll(() => emulator.stop());

const whoIs = async (session: AwsSession) =>
  (await session.client(STSClient).send(new GetCallerIdentityCommand({}))).Arn;

describe('one AWS session', () => {
  it('builds a client on first use and keeps it per service, region and role', async () => {
    const session = AwsSession.open(access);
    const orgs = session.client(OrganizationsClient, { region: 'us-east-1' });
    expect(session.client(OrganizationsClient, { region: 'us-east-1' })).toBe(orgs);
    expect(session.client(OrganizationsClient)).not.toBe(orgs);
    expect(await session.client(OrganizationsClient).config.region()).toBe('eu-west-1');
    expect(await orgs.config.region()).toBe('us-east-1');
    // One attempt per request: the caller of retry.ts retries.
    expect(await orgs.config.maxAttempts()).toBe(1);
    const role = session.as('arn:aws:iam::123456789012:role/spa-management', 'spa-engine');
    expect(session.as('arn:aws:iam::123456789012:role/spa-management', 'spa-engine')).toBe(role);
    expect(role.client(OrganizationsClient, { region: 'us-east-1' })).not.toBe(orgs);
    expect(session.asManagement(undefined, 'spa-engine')).toBe(session);
  });

  it('assumes a role under its session name, and chains roles from it', async () => {
    const session = AwsSession.open(access);
    const management = session.as('arn:aws:iam::111111111111:role/spa-management', 'spa-runtime');
    expect(await whoIs(management)).toBe('arn:aws:sts::111111111111:assumed-role/spa-management/spa-runtime');
    const member = management.as('arn:aws:iam::222222222222:role/member', 'spa-lifecycle');
    expect(await whoIs(member)).toBe('arn:aws:sts::222222222222:assumed-role/member/spa-lifecycle');
    expect(session.identityAccess().credentials).toBe(access.credentials);
    expect(management.identityAccess().credentials).not.toBe(access.credentials);
  });

  it('reaches CodeBuild of a member account through the management role for Control Tower only', async () => {
    const runtime = AwsSession.open(access);
    const management = runtime.as('arn:aws:iam::111111111111:role/spa-management', 'spa-runtime');
    const codebuildIn = memberCodeBuild(runtime, management);
    const ct = codebuildIn('333333333333', CONTROL_TOWER_ROLE);
    expect(codebuildIn('333333333333', CONTROL_TOWER_ROLE)).toBe(ct);
    expect(codebuildIn('333333333333', 'spa-member')).not.toBe(ct);
    const identity = async (client: { config: { credentials(): Promise<unknown> } }) =>
      (await client.config.credentials()) as { accessKeyId: string };
    // Both are credentials of an assumed role (moto hands out fresh keys per AssumeRole), never the runtime's own.
    expect((await identity(ct)).accessKeyId).not.toBe('testing');
    expect((await identity(codebuildIn('333333333333', 'spa-member'))).accessKeyId).not.toBe('testing');
    expect(await ct.config.region()).toBe('eu-west-1');
  });

  it('addresses S3 by path with an endpoint, and marks a failed call with its operation and endpoint', async () => {
    const session = AwsSession.open({ ...access, region: 'us-east-1' });
    const s3 = session.client(S3Client, { pathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'spa-session-test' }));
    await s3.send(new PutObjectCommand({ Bucket: 'spa-session-test', Key: 'k', Body: 'v' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'spa-session-test', Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('v');
    const error: unknown = await s3
      .send(new GetObjectCommand({ Bucket: 'spa-session-test', Key: 'none' }))
      .catch((e: unknown) => e);
    expect(callContext(error)).toEqual({ operation: 'GetObject', endpoint: emulator.moto.endpoint });
  });
});
