import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onEvent } from '../../infra/functions/resolve-organizational-units.js';
import { newManagementAccountId, startEmulator, type Emulator } from '../helpers/org.js';
import { seedOrganization, testAws, type Seeded, type TestAws } from '../support/seed.js';

let emulator: Emulator;
let aws: TestAws;
let seeded: Seeded;

const event = (type: 'Create' | 'Update' | 'Delete', paths: string[]) =>
  ({
    RequestType: type,
    PhysicalResourceId: 'ou-old',
    ResourceProperties: { ServiceToken: 'arn', Paths: paths },
  }) as unknown as CloudFormationCustomResourceEvent;

beforeAll(async () => {
  emulator = await startEmulator();
  aws = await testAws(emulator.moto.endpoint, newManagementAccountId());
  seeded = await seedOrganization(aws, { ous: ['Sandbox', 'Sandbox/Personal', 'Workloads'] });
}, 120_000);
afterAll(() => emulator?.stop());

describe('the OUs of the StackSet, resolved at deploy time', () => {
  const access = () => ({
    region: 'us-east-1',
    endpoint: emulator.moto.endpoint,
    credentials: aws.credentials,
  });

  it('gives the ids of the managed OUs, nested ones included, in the order of their paths', async () => {
    const answer = await onEvent(event('Create', ['Sandbox/Personal', 'Workloads']), access());
    const ids = [seeded.ouIds.get('Sandbox/Personal'), seeded.ouIds.get('Workloads')].join(',');
    expect(answer).toEqual({ PhysicalResourceId: ids, Data: { Ids: ids } });
  });

  it('fails the deployment with what to do when an OU does not exist yet', async () => {
    await expect(onEvent(event('Update', ['Sandbox', 'Sandbox/Teams']), access())).rejects.toThrow(
      'the managed organizational unit(s) Sandbox/Teams do not exist yet: run spa apply (it creates them), then deploy again',
    );
  });

  it('reads nothing on delete: the StackSet goes, the OUs stay', async () => {
    expect(
      await onEvent(event('Delete', ['Sandbox']), { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    ).toEqual({
      PhysicalResourceId: 'ou-old',
    });
  });
});
