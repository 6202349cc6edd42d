import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spa, writeTree } from '../helpers/cli.js';
import { sampleTree } from '../helpers/tree.js';
import { startGateway, type Gateway } from '../support/aws-gateway.js';
import { DEMO_ORGANIZATION, withManagementAccount } from '../support/demo-org.js';
import { startMoto, type Moto } from '../support/moto.js';
import { cliEnv, seedOrganization, testAws } from '../support/seed.js';

let moto: Moto;
let gateway: Gateway;
const MGMT = '100000000001';

beforeAll(async () => {
  moto = await startMoto();
  gateway = await startGateway(moto.endpoint);
  const aws = await testAws(gateway.endpoint, MGMT);
  await seedOrganization(aws, DEMO_ORGANIZATION);
});
afterAll(async () => {
  await gateway?.stop();
  await moto?.stop();
});

describe('smoke', () => {
  it('plans the sample', async () => {
    const tree = await sampleTree();
    tree['settings.yaml'] = withManagementAccount(
      tree['settings.yaml']!,
      MGMT,
      `arn:aws:iam::${MGMT}:role/SpaEngine`,
    );
    const { dir, cleanup } = writeTree(tree);
    const r = await spa(['plan', '--dir', dir, '--out', `${dir}/plan.json`], {
      env: cliEnv(gateway.endpoint),
    });
    console.log(r.stdout, r.stderr);
    const a = await spa(['apply', `${dir}/plan.json`, '--dir', dir, '--allow-large'], {
      env: cliEnv(gateway.endpoint),
    });
    console.log(a.stdout, a.stderr);
    const r2 = await spa(['plan', '--dir', dir], { env: cliEnv(gateway.endpoint) });
    console.log(r2.stdout, r2.stderr);
    console.log(gateway.calls);
    cleanup();
    expect(r.code).toBe(0);
  });
});
