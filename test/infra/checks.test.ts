import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addChecks } from '../../infra/lib/spa-app.js';
import { sampleConfig, synthSpa, type Synthesized } from '../helpers/infra.js';
import { repoRoot } from '../helpers/tree.js';

// The one synth of the suite with the Lambdas bundled, aws-cdk-lib's template validation and cdk-nag (slow); the
// others skip all three.
let s: Synthesized;
let templates: Record<string, object>;

interface Report {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** cfn-lint from .venv (moto[server] brings it; CI installs it), else the machine's. */
function cfnLint(): string {
  const venv = join(repoRoot, '.venv/bin/cfn-lint');
  if (existsSync(venv)) return venv;
  return 'cfn-lint';
}

/** Asset hashes change with every bundle: a snapshot keeps the shape of the template, not the bytes of code. */
function normalised(template: object): string {
  return `${JSON.stringify(template, null, 2).replace(/[0-9a-f]{64}/g, '<asset-hash>')}\n`;
}

beforeAll(async () => {
  s = synthSpa(await sampleConfig(), { checks: true, validation: true, bundling: true });
  templates = {};
  for (const stack of s.assembly.stacks) templates[stack.stackName] = stack.template as object;
  const management = templates['SpaDemo-management'] as {
    Resources: Record<string, { Type: string; Properties: { TemplateBody?: string } }>;
  };
  const stackSet = Object.values(management.Resources).find(
    (r) => r.Type === 'AWS::CloudFormation::StackSet',
  )!;
  templates['SpaDemo-member-accounts'] = JSON.parse(stackSet.Properties.TemplateBody!) as object;
}, 600_000);

describe('the synthesized templates', () => {
  it('are the three stacks of the sample settings, and the template of the member accounts', () => {
    expect(Object.keys(templates).sort()).toEqual([
      'SpaDemo-automation',
      'SpaDemo-management',
      'SpaDemo-member-accounts',
      'SpaDemo-sign-in',
    ]);
  });

  it('pass cdk-nag AwsSolutionsChecks with no unacknowledged error, and the template validation', () => {
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as Report;
    const errors = report.pluginReports.flatMap((p) =>
      p.violations
        .filter((v) => v.severity === 'error' || v.severity === 'fatal')
        .flatMap((v) =>
          v.violatingConstructs.map((c) => `${p.pluginName} ${v.ruleName} at ${c.constructPath}`),
        ),
    );
    expect(errors).toEqual([]);
  });

  it('would fail on a finding nobody acknowledged: the checks are wired into synth', () => {
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'spa-nag-control-')),
      builtinCloudFormationValidation: false,
    });
    new sqs.Queue(new Stack(app, 'Control'), 'Plain');
    addChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS|Validation failed/);
  });

  it('pass cfn-lint, CDK’s generated DependsOn (W3005) aside', () => {
    const dir = join(s.outdir, 'cfn-lint');
    mkdirSync(dir, { recursive: true });
    const files = Object.entries(templates).map(([name, template]) => {
      const file = join(dir, `${name}.template.json`);
      writeFileSync(file, JSON.stringify(template, null, 1));
      return file;
    });
    const r = spawnSync(cfnLint(), ['--ignore-checks', 'W3005', '--', ...files], { encoding: 'utf8' });
    expect(r.error, 'cfn-lint is not installed: pip install cfn-lint').toBeUndefined();
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });

  it('stay under the CloudFormation limit of 500 resources per stack', () => {
    for (const [name, template] of Object.entries(templates))
      expect(Object.keys((template as { Resources: object }).Resources).length, name).toBeLessThan(500);
  });

  it.each(['SpaDemo-automation', 'SpaDemo-management', 'SpaDemo-member-accounts', 'SpaDemo-sign-in'])(
    'keep the shape of %s (snapshot, asset hashes normalised)',
    async (name) => {
      await expect(normalised(templates[name]!)).toMatchFileSnapshot(`__snapshots__/${name}.template.json`);
    },
  );
});
