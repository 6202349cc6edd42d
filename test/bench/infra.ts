import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadInfraConfig } from '../../infra/lib/config.js';
import { buildSpaApp } from '../../infra/lib/spa-app.js';

export interface InfraBench {
  synthMs: number;
  /** Resources per template (CloudFormation allows 500), the StackSet's template included. */
  stacks: { name: string; resources: number }[];
  /** The bundle of each Lambda (index.mjs, without its source map). */
  bundles: { function: string; bytes: number }[];
}

type Template = {
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
};

/** One offline synth of the sample settings (aws-cdk-lib's template validation off, as in most tests). */
export async function benchInfra(root: string): Promise<InfraBench> {
  process.env.HOME = mkdtempSync(join(tmpdir(), 'spa-bench-home-'));
  const outdir = mkdtempSync(join(tmpdir(), 'spa-bench-cdk-'));
  const start = performance.now();
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  buildSpaApp(app, await loadInfraConfig(root));
  const assembly = app.synth();
  const synthMs = performance.now() - start;
  const stacks: InfraBench['stacks'] = [];
  const bundles: InfraBench['bundles'] = [];
  for (const stack of assembly.stacks) {
    const template = stack.template as Template;
    stacks.push({ name: stack.stackName, resources: Object.keys(template.Resources).length });
    for (const r of Object.values(template.Resources)) {
      if (r.Type === 'AWS::CloudFormation::StackSet') {
        const members = JSON.parse(r.Properties!.TemplateBody as string) as Template;
        stacks.push({ name: 'member accounts (StackSet)', resources: Object.keys(members.Resources).length });
      }
      const hash = /[0-9a-f]{64}/.exec(JSON.stringify(r.Properties?.Code ?? ''))?.[0];
      const name = r.Properties?.FunctionName;
      if (r.Type === 'AWS::Lambda::Function' && hash && typeof name === 'string') {
        const dir = join(outdir, `asset.${hash}`);
        const file = readdirSync(dir).find((f) => f.endsWith('.mjs') || f.endsWith('.js'));
        if (file) bundles.push({ function: name, bytes: statSync(join(dir, file)).size });
      }
    }
  }
  return { synthMs, stacks, bundles };
}
