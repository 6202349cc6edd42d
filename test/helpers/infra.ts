import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS, type CloudAssembly } from 'aws-cdk-lib/cx-api';
import { infraConfig, loadInfraConfig, type InfraConfig } from '../../infra/lib/config.js';
import { buildSpaApp, type SpaAppOptions, type SpaStacks } from '../../infra/lib/spa-app.js';
import { repoRoot } from './tree.js';

export interface Synthesized {
  config: InfraConfig;
  stacks: SpaStacks;
  assembly: CloudAssembly;
  outdir: string;
  template(stack: keyof SpaStacks): Template;
}

/**
 * aws-cdk-lib writes a cache below ~/.cdk: a test's home is a temporary folder. `validation` keeps aws-cdk-lib's
 * template validation on (slow: one test file runs it); the others skip it, as CDK_VALIDATION=false does.
 */
export function isolateCdk(validation: boolean): void {
  process.env.HOME = mkdtempSync(join(tmpdir(), 'spa-cdk-home-'));
  process.env.CDK_HOME = process.env.HOME;
  if (validation) delete process.env.CDK_VALIDATION;
  else process.env.CDK_VALIDATION = 'false';
}

/** The sample settings of the repository, as the CDK app reads them. */
export function sampleConfig(): Promise<InfraConfig> {
  return loadInfraConfig(repoRoot);
}

/**
 * Synthesizes the stacks of a configuration once, offline. `bundling` bundles the code of every Lambda (esbuild on
 * this machine, a few seconds each: the checks' synth does it); without it the templates are the same but for the
 * assets' hashes, as CDK synthesizes the stacks that `cdk deploy --exclusively` leaves out.
 */
export function synthSpa(
  config: InfraConfig,
  options: SpaAppOptions & { validation?: boolean; bundling?: boolean } = {},
): Synthesized {
  isolateCdk(options.validation ?? false);
  const outdir = mkdtempSync(join(tmpdir(), 'spa-cdk-out-'));
  // The context of cdk.json, as `npx cdk synth` gives it to the app.
  const { context } = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  if (!options.bundling) context[BUNDLING_STACKS] = [];
  const app = new App({ outdir, context, builtinCloudFormationValidation: options.validation ?? false });
  const stacks = buildSpaApp(app, config, options);
  const assembly = app.synth();
  return {
    config,
    stacks,
    assembly,
    outdir,
    template: (name) =>
      Template.fromJSON(assembly.getStackByName(stacks[name]!.stackName).template as object),
  };
}

export { infraConfig };
