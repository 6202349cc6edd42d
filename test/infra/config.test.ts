import { describe, expect, it } from 'vitest';
import { loadInfraConfig } from '../../infra/lib/config.js';
import { writeTree } from '../helpers/cli.js';
import { edit, sampleTree, type Tree } from '../helpers/tree.js';

async function configOf(change: (tree: Tree) => Tree = (t) => t) {
  const { dir, cleanup } = writeTree(change(await sampleTree()));
  try {
    return await loadInfraConfig(dir);
  } finally {
    cleanup();
  }
}

describe('the configuration of the CDK app', () => {
  it('comes from settings.yaml and the OU files through the engine', async () => {
    expect(await configOf()).toEqual({
      environment: 'SpaDemo',
      managementAccount: '123456789012',
      automation: { account: '222222222222', region: 'eu-west-1' },
      bucket: 'spa-runtime-222222222222',
      applyLockTable: 'SpaDemo-apply-lock',
      memberRoleName: 'SpaBuildStarter',
      maxConcurrentBuilds: 10,
      identityCenterRegion: 'eu-west-1',
      githubRepository: 'example-org/spa-settings',
      managedOuPaths: ['Sandbox'],
      secretNames: ['spa/slack/data-platform', 'spa/teams/sre'],
      emailSenders: ['spa@example.com'],
    });
  });

  it('targets the outermost managed OUs only: the StackSet reaches the OUs below them', async () => {
    const config = await configOf((t) =>
      edit(
        edit(t, 'organizational-units/Sandbox.yaml', /managed: true/, 'managed: false'),
        'organizational-units/Sandbox/Personal.yaml',
        /^/,
        'managed: true\n',
      ),
    );
    expect(config.managedOuPaths).toContain('Sandbox/Personal');
    expect(config.managedOuPaths).not.toContain('Sandbox');
  });

  it('stops with the diagnostics of spa validate when the settings are invalid', async () => {
    await expect(
      configOf((t) => edit(t, 'settings.yaml', 'region: eu-west-1', 'region: Ireland')),
    ).rejects.toThrow(/settings.yaml:\d+:\d+ error \[invalid-region\]/);
  });

  it('needs the automation account and bucket', async () => {
    await expect(
      configOf((t) => edit(t, 'settings.yaml', '  account: "222222222222"\n', '')),
    ).rejects.toThrow(/runtime.account \(the automation account\) is required/);
  });

  it('refuses a budget topic that is not the one it deploys', async () => {
    await expect(
      configOf((t) =>
        edit(
          t,
          'settings.yaml',
          'eu-west-1:222222222222:SpaDemo-budget-alerts',
          'us-east-1:123456789012:Other',
        ),
      ),
    ).rejects.toThrow('the topic infra/ deploys is arn:aws:sns:eu-west-1:222222222222:SpaDemo-budget-alerts');
  });

  it('takes the apply lock table by name, or by ARN in the automation account only', async () => {
    const lock = (value: string) => (t: Tree) =>
      edit(t, 'settings.yaml', 'runtime:\n', `runtime:\n  applyLockTable: ${value}\n`);
    expect((await configOf(lock('spa-apply-lock'))).applyLockTable).toBe('spa-apply-lock');
    expect(
      (await configOf(lock('arn:aws:dynamodb:eu-west-1:222222222222:table/spa-apply-lock'))).applyLockTable,
    ).toBe('spa-apply-lock');
    await expect(
      configOf(lock('arn:aws:dynamodb:eu-west-1:999999999999:table/spa-apply-lock')),
    ).rejects.toThrow(/is not in the automation account 222222222222/);
  });
});
